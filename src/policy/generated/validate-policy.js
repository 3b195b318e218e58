// Generated from schemas/policy.schema.json by schemas/generate.mjs: do not edit.
"use strict";
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://hardrun.dev/schemas/policy.schema.json","title":"PolicyDocument","description":"A hardrun policy file (YAML or JSON). Every field is optional: what is left out comes from the built-in policy.","type":"object","additionalProperties":false,"properties":{"version":{"description":"The policy format version.","const":1},"defaultBackend":{"description":"The backend a container runs under when no rule picks one.","type":"string","pattern":"\\S"},"sandboxBackend":{"description":"Where a check in `sandbox` mode sends a container instead of refusing it.","type":"string","pattern":"\\S"},"backends":{"description":"Backends by name, declared like daemon.json runtimes. runc, runsc and kata are known without declaring them.","type":"object","additionalProperties":{"$ref":"#/definitions/backend"},"propertyNames":{"pattern":"^[A-Za-z0-9_.-]+$"}},"audit":{"$ref":"#/definitions/audit"},"hardening":{"$ref":"#/definitions/hardening"},"checks":{"$ref":"#/definitions/checks"},"rules":{"description":"Ordered: the first rule whose `match` holds decides. No rule matching means the top-level settings.","type":"array","items":{"$ref":"#/definitions/rule"}}},"definitions":{"backend":{"title":"BackendDocument","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"description":"Absolute path, or a name looked up in the system PATH (never the caller's).","type":"string","pattern":"\\S"},"kind":{"description":"Whose command-line dialect it speaks.","enum":["runc","runsc","kata"]},"args":{"description":"Global flags placed before the caller's, e.g. [\"--network=none\"].","type":"array","items":{"type":"string"}}}},"audit":{"title":"AuditDocument","type":"object","additionalProperties":false,"properties":{"file":{"description":"Append one JSON line per create and exec decision here. Unset: no audit log.","type":"string","pattern":"\\S"}}},"transformMode":{"description":"harden: rewrite the spec; audit: record what harden would do; off: nothing.","enum":["harden","audit","off"]},"checkMode":{"description":"enforce: refuse; sandbox: run under the sandbox backend instead; harden: rewrite to safe; audit: record only; off: nothing.","enum":["enforce","sandbox","harden","audit","off"]},"idRange":{"type":"object","additionalProperties":false,"required":["hostID","size"],"properties":{"hostID":{"type":"integer","minimum":1},"size":{"type":"integer","minimum":1}}},"hardening":{"title":"HardeningDocument","description":"Overrides of the built-in hardening, transform by transform.","type":"object","additionalProperties":false,"properties":{"annotations":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"strip":{"description":"Annotation keys to remove; a trailing * matches a prefix.","type":"array","items":{"type":"string"}}}},"capabilities":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"allow":{"description":"Capabilities kept in every set when asked for (with or without CAP_).","type":"array","items":{"type":"string"}},"never":{"description":"Never kept under a backend that shares the host kernel, whatever `allow` says.","type":"array","items":{"type":"string"}},"neverLiftedUnder":{"type":"array","items":{"enum":["runc","runsc","kata"]}}}},"noNewPrivileges":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"}}},"seccomp":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"deny":{"description":"Syscalls that always fail with errnoRet.","type":"array","items":{"type":"string"}},"errnoRet":{"type":"integer","minimum":1,"maximum":4095},"denyNamespaceClone":{"type":"boolean"},"architectures":{"type":"object","additionalProperties":{"type":"array","items":{"type":"string"}}}}},"systemPaths":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"masked":{"type":"array","items":{"type":"string"}},"readonly":{"type":"array","items":{"type":"string"}}}},"kernelFilesystems":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"readonlyTypes":{"type":"array","items":{"type":"string"}}}},"devices":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"allow":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["type","major","minor"],"properties":{"type":{"enum":["c","b"]},"major":{"type":"integer","minimum":0},"minor":{"type":"integer","minimum":0}}}}}},"rootfs":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"writablePaths":{"type":"array","items":{"type":"string"}},"tmpfsSize":{"type":"string","pattern":"^[0-9]+[kmgKMG]?$"},"noexec":{"type":"boolean"},"readonlyBindMounts":{"type":"array","items":{"type":"string"}}}},"userNamespace":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"uids":{"$ref":"#/definitions/idRange"},"gids":{"$ref":"#/definitions/idRange"},"plainBindPaths":{"description":"Host paths (and what lies below them) whose binds are never idmapped, so that container root stays nobody there: the host's programs, libraries, logs and state. Docker's named volumes and Kubernetes' volumes are idmapped wherever they are.","type":"array","items":{"type":"string","pattern":"^/"}},"idmapMounts":{"description":"Which bind mounts are idmapped so that container root writes there as the files' owner on the host: all (the default, as under runc, with nosuid and nodev added), volumes (Docker's named volumes and Kubernetes' volumes only), or none.","enum":["all","volumes","none"]}},"description":"Container root mapped to host ids of its own: each container gets a slot of 65536 uids and gids from this pool. uids and gids default to the hardrun lines of /etc/subuid and /etc/subgid. Image files, volumes and binds keep their owners through idmapped mounts."}}},"checks":{"title":"ChecksDocument","description":"The refusals: what a container may not ask for, each with a mode.","type":"object","additionalProperties":false,"properties":{"hostNamespaces":{"description":"Sharing the host's pid, network, ipc, uts, user or cgroup namespace.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"},"types":{"type":"array","items":{"enum":["pid","network","ipc","uts","user","cgroup","mount"]}}}},"sensitiveMounts":{"description":"Bind mounts of host paths that give the host away, judged after resolving symlinks; a parent counts.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"},"paths":{"description":"Host paths a container may not mount, nor any parent of them, nor anything under them.","type":"array","items":{"type":"string"}},"allow":{"description":"Exceptions under those paths; * matches one path component, {id} the container id.","type":"array","items":{"type":"string"}}}},"devices":{"description":"Host devices asked for beyond the default ones.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}},"extraCapabilities":{"description":"Capabilities the container asks for (--cap-add, --privileged, a pod's capabilities.add) beyond the caller's defaults that hardening.capabilities would drop. enforce refuses; sandbox runs it under the sandbox backend with them; harden and audit run it without them (the transform still drops them). Docker's own defaults beyond the allowlist are always dropped without a finding here.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}},"procCwd":{"description":"A working directory under /proc (the CVE-2024-21626 class).","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}},"sysctls":{"description":"Sysctls outside the namespaced, safe ones.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"},"allow":{"description":"Allowed names; a trailing * matches a prefix.","type":"array","items":{"type":"string"}}}},"mountPropagation":{"description":"Shared mount propagation, through which mounts reach the host.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}}}},"match":{"title":"MatchDocument","description":"What a rule matches: every listed condition must hold; within a list, any item.","type":"object","additionalProperties":false,"minProperties":1,"properties":{"caller":{"description":"The containerd namespace the call comes from: moby (Docker), k8s.io (Kubernetes)...","type":"array","items":{"type":"string"}},"image":{"description":"The image the container runs, any of these references, normalised as Docker does (nginx is docker.io/library/nginx): a repository (any tag), repository:tag, repository@digest, or a bare sha256 digest or image id; * matches any run of characters. Read from Docker's own record of the container or, for Kubernetes, from CRI's io.kubernetes.cri.image-name annotation; an image that cannot be known matches nothing. Chosen by the operator or whoever runs the container, not by the image's content: a rule on it may relax hardening.","type":"array","minItems":1,"items":{"type":"string","pattern":"\\S"}},"capabilities":{"description":"The spec asks for any of these capabilities (bounding set).","type":"array","items":{"type":"string"}},"hostNamespaces":{"description":"The spec shares any of these host namespaces.","type":"array","items":{"enum":["pid","network","ipc","uts","user","cgroup","mount"]}},"mounts":{"description":"A bind mount's resolved host source is, or is under, any of these paths.","type":"array","items":{"type":"string"}},"devices":{"description":"The spec asks for host devices beyond the default ones.","type":"boolean"},"sysctls":{"description":"The spec sets any of these sysctls (a trailing * matches a prefix).","type":"array","items":{"type":"string"}},"privileged":{"description":"The spec looks like --privileged: CAP_SYS_ADMIN and access to every device.","type":"boolean"},"process":{"type":"object","additionalProperties":false,"properties":{"args":{"description":"Globs matched against the command line joined by spaces.","type":"array","items":{"type":"string"}},"user":{"description":"Container uids.","type":"array","items":{"type":"integer","minimum":0}},"cwd":{"description":"Globs matched against the working directory.","type":"array","items":{"type":"string"}}},"description":"The process as the image or the caller set it. Chosen by the container's user: can only raise isolation."},"env":{"description":"Environment variables (glob values). Set by the container's user: can only raise isolation.","type":"object","additionalProperties":{"type":"string"}},"annotations":{"description":"Annotations (glob values). Set by the container's user: can only raise isolation.","type":"object","additionalProperties":{"type":"string"}}}},"rule":{"title":"RuleDocument","type":"object","additionalProperties":false,"required":["name","match"],"properties":{"name":{"type":"string","pattern":"\\S"},"match":{"$ref":"#/definitions/match"},"backend":{"description":"The backend for containers this rule matches.","type":"string","pattern":"\\S"},"hardening":{"$ref":"#/definitions/hardening"},"checks":{"$ref":"#/definitions/checks"}}}}};
const schema12 = {"title":"BackendDocument","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"description":"Absolute path, or a name looked up in the system PATH (never the caller's).","type":"string","pattern":"\\S"},"kind":{"description":"Whose command-line dialect it speaks.","enum":["runc","runsc","kata"]},"args":{"description":"Global flags placed before the caller's, e.g. [\"--network=none\"].","type":"array","items":{"type":"string"}}}};
const schema13 = {"title":"AuditDocument","type":"object","additionalProperties":false,"properties":{"file":{"description":"Append one JSON line per create and exec decision here. Unset: no audit log.","type":"string","pattern":"\\S"}}};
const pattern0 = new RegExp("\\S", "u");
const pattern2 = new RegExp("^[A-Za-z0-9_.-]+$", "u");
const schema14 = {"title":"HardeningDocument","description":"Overrides of the built-in hardening, transform by transform.","type":"object","additionalProperties":false,"properties":{"annotations":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"strip":{"description":"Annotation keys to remove; a trailing * matches a prefix.","type":"array","items":{"type":"string"}}}},"capabilities":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"allow":{"description":"Capabilities kept in every set when asked for (with or without CAP_).","type":"array","items":{"type":"string"}},"never":{"description":"Never kept under a backend that shares the host kernel, whatever `allow` says.","type":"array","items":{"type":"string"}},"neverLiftedUnder":{"type":"array","items":{"enum":["runc","runsc","kata"]}}}},"noNewPrivileges":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"}}},"seccomp":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"deny":{"description":"Syscalls that always fail with errnoRet.","type":"array","items":{"type":"string"}},"errnoRet":{"type":"integer","minimum":1,"maximum":4095},"denyNamespaceClone":{"type":"boolean"},"architectures":{"type":"object","additionalProperties":{"type":"array","items":{"type":"string"}}}}},"systemPaths":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"masked":{"type":"array","items":{"type":"string"}},"readonly":{"type":"array","items":{"type":"string"}}}},"kernelFilesystems":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"readonlyTypes":{"type":"array","items":{"type":"string"}}}},"devices":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"allow":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["type","major","minor"],"properties":{"type":{"enum":["c","b"]},"major":{"type":"integer","minimum":0},"minor":{"type":"integer","minimum":0}}}}}},"rootfs":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"writablePaths":{"type":"array","items":{"type":"string"}},"tmpfsSize":{"type":"string","pattern":"^[0-9]+[kmgKMG]?$"},"noexec":{"type":"boolean"},"readonlyBindMounts":{"type":"array","items":{"type":"string"}}}},"userNamespace":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"uids":{"$ref":"#/definitions/idRange"},"gids":{"$ref":"#/definitions/idRange"},"plainBindPaths":{"description":"Host paths (and what lies below them) whose binds are never idmapped, so that container root stays nobody there: the host's programs, libraries, logs and state. Docker's named volumes and Kubernetes' volumes are idmapped wherever they are.","type":"array","items":{"type":"string","pattern":"^/"}},"idmapMounts":{"description":"Which bind mounts are idmapped so that container root writes there as the files' owner on the host: all (the default, as under runc, with nosuid and nodev added), volumes (Docker's named volumes and Kubernetes' volumes only), or none.","enum":["all","volumes","none"]}},"description":"Container root mapped to host ids of its own: each container gets a slot of 65536 uids and gids from this pool. uids and gids default to the hardrun lines of /etc/subuid and /etc/subgid. Image files, volumes and binds keep their owners through idmapped mounts."}}};
const schema15 = {"description":"harden: rewrite the spec; audit: record what harden would do; off: nothing.","enum":["harden","audit","off"]};
const schema24 = {"type":"object","additionalProperties":false,"required":["hostID","size"],"properties":{"hostID":{"type":"integer","minimum":1},"size":{"type":"integer","minimum":1}}};
const func2 = Object.prototype.hasOwnProperty;
const pattern5 = new RegExp("^[0-9]+[kmgKMG]?$", "u");
const pattern6 = new RegExp("^/", "u");

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema14.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.annotations !== undefined){
let data0 = data.annotations;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
if(!((key1 === "mode") || (key1 === "strip"))){
const err1 = {instancePath:instancePath+"/annotations",schemaPath:"#/properties/annotations/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data0.mode !== undefined){
let data1 = data0.mode;
if(!(((data1 === "harden") || (data1 === "audit")) || (data1 === "off"))){
const err2 = {instancePath:instancePath+"/annotations/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data0.strip !== undefined){
let data2 = data0.strip;
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(typeof data2[i0] !== "string"){
const err3 = {instancePath:instancePath+"/annotations/strip/" + i0,schemaPath:"#/properties/annotations/properties/strip/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath:instancePath+"/annotations/strip",schemaPath:"#/properties/annotations/properties/strip/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath:instancePath+"/annotations",schemaPath:"#/properties/annotations/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.capabilities !== undefined){
let data4 = data.capabilities;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key2 in data4){
if(!((((key2 === "mode") || (key2 === "allow")) || (key2 === "never")) || (key2 === "neverLiftedUnder"))){
const err6 = {instancePath:instancePath+"/capabilities",schemaPath:"#/properties/capabilities/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data4.mode !== undefined){
let data5 = data4.mode;
if(!(((data5 === "harden") || (data5 === "audit")) || (data5 === "off"))){
const err7 = {instancePath:instancePath+"/capabilities/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data4.allow !== undefined){
let data6 = data4.allow;
if(Array.isArray(data6)){
const len1 = data6.length;
for(let i1=0; i1<len1; i1++){
if(typeof data6[i1] !== "string"){
const err8 = {instancePath:instancePath+"/capabilities/allow/" + i1,schemaPath:"#/properties/capabilities/properties/allow/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/capabilities/allow",schemaPath:"#/properties/capabilities/properties/allow/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data4.never !== undefined){
let data8 = data4.never;
if(Array.isArray(data8)){
const len2 = data8.length;
for(let i2=0; i2<len2; i2++){
if(typeof data8[i2] !== "string"){
const err10 = {instancePath:instancePath+"/capabilities/never/" + i2,schemaPath:"#/properties/capabilities/properties/never/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/capabilities/never",schemaPath:"#/properties/capabilities/properties/never/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data4.neverLiftedUnder !== undefined){
let data10 = data4.neverLiftedUnder;
if(Array.isArray(data10)){
const len3 = data10.length;
for(let i3=0; i3<len3; i3++){
let data11 = data10[i3];
if(!(((data11 === "runc") || (data11 === "runsc")) || (data11 === "kata"))){
const err12 = {instancePath:instancePath+"/capabilities/neverLiftedUnder/" + i3,schemaPath:"#/properties/capabilities/properties/neverLiftedUnder/items/enum",keyword:"enum",params:{allowedValues: schema14.properties.capabilities.properties.neverLiftedUnder.items.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/capabilities/neverLiftedUnder",schemaPath:"#/properties/capabilities/properties/neverLiftedUnder/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/capabilities",schemaPath:"#/properties/capabilities/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.noNewPrivileges !== undefined){
let data12 = data.noNewPrivileges;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
for(const key3 in data12){
if(!(key3 === "mode")){
const err15 = {instancePath:instancePath+"/noNewPrivileges",schemaPath:"#/properties/noNewPrivileges/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data12.mode !== undefined){
let data13 = data12.mode;
if(!(((data13 === "harden") || (data13 === "audit")) || (data13 === "off"))){
const err16 = {instancePath:instancePath+"/noNewPrivileges/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/noNewPrivileges",schemaPath:"#/properties/noNewPrivileges/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.seccomp !== undefined){
let data14 = data.seccomp;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
for(const key4 in data14){
if(!(((((key4 === "mode") || (key4 === "deny")) || (key4 === "errnoRet")) || (key4 === "denyNamespaceClone")) || (key4 === "architectures"))){
const err18 = {instancePath:instancePath+"/seccomp",schemaPath:"#/properties/seccomp/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data14.mode !== undefined){
let data15 = data14.mode;
if(!(((data15 === "harden") || (data15 === "audit")) || (data15 === "off"))){
const err19 = {instancePath:instancePath+"/seccomp/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data14.deny !== undefined){
let data16 = data14.deny;
if(Array.isArray(data16)){
const len4 = data16.length;
for(let i4=0; i4<len4; i4++){
if(typeof data16[i4] !== "string"){
const err20 = {instancePath:instancePath+"/seccomp/deny/" + i4,schemaPath:"#/properties/seccomp/properties/deny/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/seccomp/deny",schemaPath:"#/properties/seccomp/properties/deny/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data14.errnoRet !== undefined){
let data18 = data14.errnoRet;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err22 = {instancePath:instancePath+"/seccomp/errnoRet",schemaPath:"#/properties/seccomp/properties/errnoRet/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 > 4095 || isNaN(data18)){
const err23 = {instancePath:instancePath+"/seccomp/errnoRet",schemaPath:"#/properties/seccomp/properties/errnoRet/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4095},message:"must be <= 4095"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data18 < 1 || isNaN(data18)){
const err24 = {instancePath:instancePath+"/seccomp/errnoRet",schemaPath:"#/properties/seccomp/properties/errnoRet/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
if(data14.denyNamespaceClone !== undefined){
if(typeof data14.denyNamespaceClone !== "boolean"){
const err25 = {instancePath:instancePath+"/seccomp/denyNamespaceClone",schemaPath:"#/properties/seccomp/properties/denyNamespaceClone/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data14.architectures !== undefined){
let data20 = data14.architectures;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
for(const key5 in data20){
let data21 = data20[key5];
if(Array.isArray(data21)){
const len5 = data21.length;
for(let i5=0; i5<len5; i5++){
if(typeof data21[i5] !== "string"){
const err26 = {instancePath:instancePath+"/seccomp/architectures/" + key5.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i5,schemaPath:"#/properties/seccomp/properties/architectures/additionalProperties/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/seccomp/architectures/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/seccomp/properties/architectures/additionalProperties/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/seccomp/architectures",schemaPath:"#/properties/seccomp/properties/architectures/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/seccomp",schemaPath:"#/properties/seccomp/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.systemPaths !== undefined){
let data23 = data.systemPaths;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
for(const key6 in data23){
if(!(((key6 === "mode") || (key6 === "masked")) || (key6 === "readonly"))){
const err30 = {instancePath:instancePath+"/systemPaths",schemaPath:"#/properties/systemPaths/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data23.mode !== undefined){
let data24 = data23.mode;
if(!(((data24 === "harden") || (data24 === "audit")) || (data24 === "off"))){
const err31 = {instancePath:instancePath+"/systemPaths/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data23.masked !== undefined){
let data25 = data23.masked;
if(Array.isArray(data25)){
const len6 = data25.length;
for(let i6=0; i6<len6; i6++){
if(typeof data25[i6] !== "string"){
const err32 = {instancePath:instancePath+"/systemPaths/masked/" + i6,schemaPath:"#/properties/systemPaths/properties/masked/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/systemPaths/masked",schemaPath:"#/properties/systemPaths/properties/masked/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data23.readonly !== undefined){
let data27 = data23.readonly;
if(Array.isArray(data27)){
const len7 = data27.length;
for(let i7=0; i7<len7; i7++){
if(typeof data27[i7] !== "string"){
const err34 = {instancePath:instancePath+"/systemPaths/readonly/" + i7,schemaPath:"#/properties/systemPaths/properties/readonly/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/systemPaths/readonly",schemaPath:"#/properties/systemPaths/properties/readonly/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/systemPaths",schemaPath:"#/properties/systemPaths/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.kernelFilesystems !== undefined){
let data29 = data.kernelFilesystems;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
for(const key7 in data29){
if(!((key7 === "mode") || (key7 === "readonlyTypes"))){
const err37 = {instancePath:instancePath+"/kernelFilesystems",schemaPath:"#/properties/kernelFilesystems/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data29.mode !== undefined){
let data30 = data29.mode;
if(!(((data30 === "harden") || (data30 === "audit")) || (data30 === "off"))){
const err38 = {instancePath:instancePath+"/kernelFilesystems/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data29.readonlyTypes !== undefined){
let data31 = data29.readonlyTypes;
if(Array.isArray(data31)){
const len8 = data31.length;
for(let i8=0; i8<len8; i8++){
if(typeof data31[i8] !== "string"){
const err39 = {instancePath:instancePath+"/kernelFilesystems/readonlyTypes/" + i8,schemaPath:"#/properties/kernelFilesystems/properties/readonlyTypes/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/kernelFilesystems/readonlyTypes",schemaPath:"#/properties/kernelFilesystems/properties/readonlyTypes/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/kernelFilesystems",schemaPath:"#/properties/kernelFilesystems/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.devices !== undefined){
let data33 = data.devices;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
for(const key8 in data33){
if(!((key8 === "mode") || (key8 === "allow"))){
const err42 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data33.mode !== undefined){
let data34 = data33.mode;
if(!(((data34 === "harden") || (data34 === "audit")) || (data34 === "off"))){
const err43 = {instancePath:instancePath+"/devices/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data33.allow !== undefined){
let data35 = data33.allow;
if(Array.isArray(data35)){
const len9 = data35.length;
for(let i9=0; i9<len9; i9++){
let data36 = data35[i9];
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
if(data36.type === undefined){
const err44 = {instancePath:instancePath+"/devices/allow/" + i9,schemaPath:"#/properties/devices/properties/allow/items/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(data36.major === undefined){
const err45 = {instancePath:instancePath+"/devices/allow/" + i9,schemaPath:"#/properties/devices/properties/allow/items/required",keyword:"required",params:{missingProperty: "major"},message:"must have required property '"+"major"+"'"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(data36.minor === undefined){
const err46 = {instancePath:instancePath+"/devices/allow/" + i9,schemaPath:"#/properties/devices/properties/allow/items/required",keyword:"required",params:{missingProperty: "minor"},message:"must have required property '"+"minor"+"'"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
for(const key9 in data36){
if(!(((key9 === "type") || (key9 === "major")) || (key9 === "minor"))){
const err47 = {instancePath:instancePath+"/devices/allow/" + i9,schemaPath:"#/properties/devices/properties/allow/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data36.type !== undefined){
let data37 = data36.type;
if(!((data37 === "c") || (data37 === "b"))){
const err48 = {instancePath:instancePath+"/devices/allow/" + i9+"/type",schemaPath:"#/properties/devices/properties/allow/items/properties/type/enum",keyword:"enum",params:{allowedValues: schema14.properties.devices.properties.allow.items.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data36.major !== undefined){
let data38 = data36.major;
if(!(((typeof data38 == "number") && (!(data38 % 1) && !isNaN(data38))) && (isFinite(data38)))){
const err49 = {instancePath:instancePath+"/devices/allow/" + i9+"/major",schemaPath:"#/properties/devices/properties/allow/items/properties/major/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if((typeof data38 == "number") && (isFinite(data38))){
if(data38 < 0 || isNaN(data38)){
const err50 = {instancePath:instancePath+"/devices/allow/" + i9+"/major",schemaPath:"#/properties/devices/properties/allow/items/properties/major/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
if(data36.minor !== undefined){
let data39 = data36.minor;
if(!(((typeof data39 == "number") && (!(data39 % 1) && !isNaN(data39))) && (isFinite(data39)))){
const err51 = {instancePath:instancePath+"/devices/allow/" + i9+"/minor",schemaPath:"#/properties/devices/properties/allow/items/properties/minor/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if((typeof data39 == "number") && (isFinite(data39))){
if(data39 < 0 || isNaN(data39)){
const err52 = {instancePath:instancePath+"/devices/allow/" + i9+"/minor",schemaPath:"#/properties/devices/properties/allow/items/properties/minor/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
}
else {
const err53 = {instancePath:instancePath+"/devices/allow/" + i9,schemaPath:"#/properties/devices/properties/allow/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
else {
const err54 = {instancePath:instancePath+"/devices/allow",schemaPath:"#/properties/devices/properties/allow/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.rootfs !== undefined){
let data40 = data.rootfs;
if(data40 && typeof data40 == "object" && !Array.isArray(data40)){
for(const key10 in data40){
if(!(((((key10 === "mode") || (key10 === "writablePaths")) || (key10 === "tmpfsSize")) || (key10 === "noexec")) || (key10 === "readonlyBindMounts"))){
const err56 = {instancePath:instancePath+"/rootfs",schemaPath:"#/properties/rootfs/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data40.mode !== undefined){
let data41 = data40.mode;
if(!(((data41 === "harden") || (data41 === "audit")) || (data41 === "off"))){
const err57 = {instancePath:instancePath+"/rootfs/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data40.writablePaths !== undefined){
let data42 = data40.writablePaths;
if(Array.isArray(data42)){
const len10 = data42.length;
for(let i10=0; i10<len10; i10++){
if(typeof data42[i10] !== "string"){
const err58 = {instancePath:instancePath+"/rootfs/writablePaths/" + i10,schemaPath:"#/properties/rootfs/properties/writablePaths/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
}
else {
const err59 = {instancePath:instancePath+"/rootfs/writablePaths",schemaPath:"#/properties/rootfs/properties/writablePaths/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data40.tmpfsSize !== undefined){
let data44 = data40.tmpfsSize;
if(typeof data44 === "string"){
if(!pattern5.test(data44)){
const err60 = {instancePath:instancePath+"/rootfs/tmpfsSize",schemaPath:"#/properties/rootfs/properties/tmpfsSize/pattern",keyword:"pattern",params:{pattern: "^[0-9]+[kmgKMG]?$"},message:"must match pattern \""+"^[0-9]+[kmgKMG]?$"+"\""};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
else {
const err61 = {instancePath:instancePath+"/rootfs/tmpfsSize",schemaPath:"#/properties/rootfs/properties/tmpfsSize/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data40.noexec !== undefined){
if(typeof data40.noexec !== "boolean"){
const err62 = {instancePath:instancePath+"/rootfs/noexec",schemaPath:"#/properties/rootfs/properties/noexec/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data40.readonlyBindMounts !== undefined){
let data46 = data40.readonlyBindMounts;
if(Array.isArray(data46)){
const len11 = data46.length;
for(let i11=0; i11<len11; i11++){
if(typeof data46[i11] !== "string"){
const err63 = {instancePath:instancePath+"/rootfs/readonlyBindMounts/" + i11,schemaPath:"#/properties/rootfs/properties/readonlyBindMounts/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
else {
const err64 = {instancePath:instancePath+"/rootfs/readonlyBindMounts",schemaPath:"#/properties/rootfs/properties/readonlyBindMounts/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
else {
const err65 = {instancePath:instancePath+"/rootfs",schemaPath:"#/properties/rootfs/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data.userNamespace !== undefined){
let data48 = data.userNamespace;
if(data48 && typeof data48 == "object" && !Array.isArray(data48)){
for(const key11 in data48){
if(!(((((key11 === "mode") || (key11 === "uids")) || (key11 === "gids")) || (key11 === "plainBindPaths")) || (key11 === "idmapMounts"))){
const err66 = {instancePath:instancePath+"/userNamespace",schemaPath:"#/properties/userNamespace/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data48.mode !== undefined){
let data49 = data48.mode;
if(!(((data49 === "harden") || (data49 === "audit")) || (data49 === "off"))){
const err67 = {instancePath:instancePath+"/userNamespace/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data48.uids !== undefined){
let data50 = data48.uids;
if(data50 && typeof data50 == "object" && !Array.isArray(data50)){
if(data50.hostID === undefined){
const err68 = {instancePath:instancePath+"/userNamespace/uids",schemaPath:"#/definitions/idRange/required",keyword:"required",params:{missingProperty: "hostID"},message:"must have required property '"+"hostID"+"'"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if(data50.size === undefined){
const err69 = {instancePath:instancePath+"/userNamespace/uids",schemaPath:"#/definitions/idRange/required",keyword:"required",params:{missingProperty: "size"},message:"must have required property '"+"size"+"'"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
for(const key12 in data50){
if(!((key12 === "hostID") || (key12 === "size"))){
const err70 = {instancePath:instancePath+"/userNamespace/uids",schemaPath:"#/definitions/idRange/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data50.hostID !== undefined){
let data51 = data50.hostID;
if(!(((typeof data51 == "number") && (!(data51 % 1) && !isNaN(data51))) && (isFinite(data51)))){
const err71 = {instancePath:instancePath+"/userNamespace/uids/hostID",schemaPath:"#/definitions/idRange/properties/hostID/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
if((typeof data51 == "number") && (isFinite(data51))){
if(data51 < 1 || isNaN(data51)){
const err72 = {instancePath:instancePath+"/userNamespace/uids/hostID",schemaPath:"#/definitions/idRange/properties/hostID/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
}
if(data50.size !== undefined){
let data52 = data50.size;
if(!(((typeof data52 == "number") && (!(data52 % 1) && !isNaN(data52))) && (isFinite(data52)))){
const err73 = {instancePath:instancePath+"/userNamespace/uids/size",schemaPath:"#/definitions/idRange/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if((typeof data52 == "number") && (isFinite(data52))){
if(data52 < 1 || isNaN(data52)){
const err74 = {instancePath:instancePath+"/userNamespace/uids/size",schemaPath:"#/definitions/idRange/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
}
else {
const err75 = {instancePath:instancePath+"/userNamespace/uids",schemaPath:"#/definitions/idRange/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data48.gids !== undefined){
let data53 = data48.gids;
if(data53 && typeof data53 == "object" && !Array.isArray(data53)){
if(data53.hostID === undefined){
const err76 = {instancePath:instancePath+"/userNamespace/gids",schemaPath:"#/definitions/idRange/required",keyword:"required",params:{missingProperty: "hostID"},message:"must have required property '"+"hostID"+"'"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if(data53.size === undefined){
const err77 = {instancePath:instancePath+"/userNamespace/gids",schemaPath:"#/definitions/idRange/required",keyword:"required",params:{missingProperty: "size"},message:"must have required property '"+"size"+"'"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
for(const key13 in data53){
if(!((key13 === "hostID") || (key13 === "size"))){
const err78 = {instancePath:instancePath+"/userNamespace/gids",schemaPath:"#/definitions/idRange/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data53.hostID !== undefined){
let data54 = data53.hostID;
if(!(((typeof data54 == "number") && (!(data54 % 1) && !isNaN(data54))) && (isFinite(data54)))){
const err79 = {instancePath:instancePath+"/userNamespace/gids/hostID",schemaPath:"#/definitions/idRange/properties/hostID/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if((typeof data54 == "number") && (isFinite(data54))){
if(data54 < 1 || isNaN(data54)){
const err80 = {instancePath:instancePath+"/userNamespace/gids/hostID",schemaPath:"#/definitions/idRange/properties/hostID/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
if(data53.size !== undefined){
let data55 = data53.size;
if(!(((typeof data55 == "number") && (!(data55 % 1) && !isNaN(data55))) && (isFinite(data55)))){
const err81 = {instancePath:instancePath+"/userNamespace/gids/size",schemaPath:"#/definitions/idRange/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
if((typeof data55 == "number") && (isFinite(data55))){
if(data55 < 1 || isNaN(data55)){
const err82 = {instancePath:instancePath+"/userNamespace/gids/size",schemaPath:"#/definitions/idRange/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
}
}
else {
const err83 = {instancePath:instancePath+"/userNamespace/gids",schemaPath:"#/definitions/idRange/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data48.plainBindPaths !== undefined){
let data56 = data48.plainBindPaths;
if(Array.isArray(data56)){
const len12 = data56.length;
for(let i12=0; i12<len12; i12++){
let data57 = data56[i12];
if(typeof data57 === "string"){
if(!pattern6.test(data57)){
const err84 = {instancePath:instancePath+"/userNamespace/plainBindPaths/" + i12,schemaPath:"#/properties/userNamespace/properties/plainBindPaths/items/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\""};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
else {
const err85 = {instancePath:instancePath+"/userNamespace/plainBindPaths/" + i12,schemaPath:"#/properties/userNamespace/properties/plainBindPaths/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
}
else {
const err86 = {instancePath:instancePath+"/userNamespace/plainBindPaths",schemaPath:"#/properties/userNamespace/properties/plainBindPaths/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data48.idmapMounts !== undefined){
let data58 = data48.idmapMounts;
if(!(((data58 === "all") || (data58 === "volumes")) || (data58 === "none"))){
const err87 = {instancePath:instancePath+"/userNamespace/idmapMounts",schemaPath:"#/properties/userNamespace/properties/idmapMounts/enum",keyword:"enum",params:{allowedValues: schema14.properties.userNamespace.properties.idmapMounts.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
}
else {
const err88 = {instancePath:instancePath+"/userNamespace",schemaPath:"#/properties/userNamespace/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
}
else {
const err89 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema26 = {"title":"ChecksDocument","description":"The refusals: what a container may not ask for, each with a mode.","type":"object","additionalProperties":false,"properties":{"hostNamespaces":{"description":"Sharing the host's pid, network, ipc, uts, user or cgroup namespace.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"},"types":{"type":"array","items":{"enum":["pid","network","ipc","uts","user","cgroup","mount"]}}}},"sensitiveMounts":{"description":"Bind mounts of host paths that give the host away, judged after resolving symlinks; a parent counts.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"},"paths":{"description":"Host paths a container may not mount, nor any parent of them, nor anything under them.","type":"array","items":{"type":"string"}},"allow":{"description":"Exceptions under those paths; * matches one path component, {id} the container id.","type":"array","items":{"type":"string"}}}},"devices":{"description":"Host devices asked for beyond the default ones.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}},"extraCapabilities":{"description":"Capabilities the container asks for (--cap-add, --privileged, a pod's capabilities.add) beyond the caller's defaults that hardening.capabilities would drop. enforce refuses; sandbox runs it under the sandbox backend with them; harden and audit run it without them (the transform still drops them). Docker's own defaults beyond the allowlist are always dropped without a finding here.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}},"procCwd":{"description":"A working directory under /proc (the CVE-2024-21626 class).","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}},"sysctls":{"description":"Sysctls outside the namespaced, safe ones.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"},"allow":{"description":"Allowed names; a trailing * matches a prefix.","type":"array","items":{"type":"string"}}}},"mountPropagation":{"description":"Shared mount propagation, through which mounts reach the host.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}}}};
const schema27 = {"description":"enforce: refuse; sandbox: run under the sandbox backend instead; harden: rewrite to safe; audit: record only; off: nothing.","enum":["enforce","sandbox","harden","audit","off"]};

function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((((key0 === "hostNamespaces") || (key0 === "sensitiveMounts")) || (key0 === "devices")) || (key0 === "extraCapabilities")) || (key0 === "procCwd")) || (key0 === "sysctls")) || (key0 === "mountPropagation"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.hostNamespaces !== undefined){
let data0 = data.hostNamespaces;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
if(!((key1 === "mode") || (key1 === "types"))){
const err1 = {instancePath:instancePath+"/hostNamespaces",schemaPath:"#/properties/hostNamespaces/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data0.mode !== undefined){
let data1 = data0.mode;
if(!(((((data1 === "enforce") || (data1 === "sandbox")) || (data1 === "harden")) || (data1 === "audit")) || (data1 === "off"))){
const err2 = {instancePath:instancePath+"/hostNamespaces/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data0.types !== undefined){
let data2 = data0.types;
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(!(((((((data3 === "pid") || (data3 === "network")) || (data3 === "ipc")) || (data3 === "uts")) || (data3 === "user")) || (data3 === "cgroup")) || (data3 === "mount"))){
const err3 = {instancePath:instancePath+"/hostNamespaces/types/" + i0,schemaPath:"#/properties/hostNamespaces/properties/types/items/enum",keyword:"enum",params:{allowedValues: schema26.properties.hostNamespaces.properties.types.items.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath:instancePath+"/hostNamespaces/types",schemaPath:"#/properties/hostNamespaces/properties/types/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath:instancePath+"/hostNamespaces",schemaPath:"#/properties/hostNamespaces/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.sensitiveMounts !== undefined){
let data4 = data.sensitiveMounts;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key2 in data4){
if(!(((key2 === "mode") || (key2 === "paths")) || (key2 === "allow"))){
const err6 = {instancePath:instancePath+"/sensitiveMounts",schemaPath:"#/properties/sensitiveMounts/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data4.mode !== undefined){
let data5 = data4.mode;
if(!(((((data5 === "enforce") || (data5 === "sandbox")) || (data5 === "harden")) || (data5 === "audit")) || (data5 === "off"))){
const err7 = {instancePath:instancePath+"/sensitiveMounts/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data4.paths !== undefined){
let data6 = data4.paths;
if(Array.isArray(data6)){
const len1 = data6.length;
for(let i1=0; i1<len1; i1++){
if(typeof data6[i1] !== "string"){
const err8 = {instancePath:instancePath+"/sensitiveMounts/paths/" + i1,schemaPath:"#/properties/sensitiveMounts/properties/paths/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/sensitiveMounts/paths",schemaPath:"#/properties/sensitiveMounts/properties/paths/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data4.allow !== undefined){
let data8 = data4.allow;
if(Array.isArray(data8)){
const len2 = data8.length;
for(let i2=0; i2<len2; i2++){
if(typeof data8[i2] !== "string"){
const err10 = {instancePath:instancePath+"/sensitiveMounts/allow/" + i2,schemaPath:"#/properties/sensitiveMounts/properties/allow/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/sensitiveMounts/allow",schemaPath:"#/properties/sensitiveMounts/properties/allow/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/sensitiveMounts",schemaPath:"#/properties/sensitiveMounts/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.devices !== undefined){
let data10 = data.devices;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key3 in data10){
if(!(key3 === "mode")){
const err13 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data10.mode !== undefined){
let data11 = data10.mode;
if(!(((((data11 === "enforce") || (data11 === "sandbox")) || (data11 === "harden")) || (data11 === "audit")) || (data11 === "off"))){
const err14 = {instancePath:instancePath+"/devices/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.extraCapabilities !== undefined){
let data12 = data.extraCapabilities;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
for(const key4 in data12){
if(!(key4 === "mode")){
const err16 = {instancePath:instancePath+"/extraCapabilities",schemaPath:"#/properties/extraCapabilities/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data12.mode !== undefined){
let data13 = data12.mode;
if(!(((((data13 === "enforce") || (data13 === "sandbox")) || (data13 === "harden")) || (data13 === "audit")) || (data13 === "off"))){
const err17 = {instancePath:instancePath+"/extraCapabilities/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/extraCapabilities",schemaPath:"#/properties/extraCapabilities/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.procCwd !== undefined){
let data14 = data.procCwd;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
for(const key5 in data14){
if(!(key5 === "mode")){
const err19 = {instancePath:instancePath+"/procCwd",schemaPath:"#/properties/procCwd/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data14.mode !== undefined){
let data15 = data14.mode;
if(!(((((data15 === "enforce") || (data15 === "sandbox")) || (data15 === "harden")) || (data15 === "audit")) || (data15 === "off"))){
const err20 = {instancePath:instancePath+"/procCwd/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/procCwd",schemaPath:"#/properties/procCwd/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.sysctls !== undefined){
let data16 = data.sysctls;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key6 in data16){
if(!((key6 === "mode") || (key6 === "allow"))){
const err22 = {instancePath:instancePath+"/sysctls",schemaPath:"#/properties/sysctls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data16.mode !== undefined){
let data17 = data16.mode;
if(!(((((data17 === "enforce") || (data17 === "sandbox")) || (data17 === "harden")) || (data17 === "audit")) || (data17 === "off"))){
const err23 = {instancePath:instancePath+"/sysctls/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data16.allow !== undefined){
let data18 = data16.allow;
if(Array.isArray(data18)){
const len3 = data18.length;
for(let i3=0; i3<len3; i3++){
if(typeof data18[i3] !== "string"){
const err24 = {instancePath:instancePath+"/sysctls/allow/" + i3,schemaPath:"#/properties/sysctls/properties/allow/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/sysctls/allow",schemaPath:"#/properties/sysctls/properties/allow/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/sysctls",schemaPath:"#/properties/sysctls/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.mountPropagation !== undefined){
let data20 = data.mountPropagation;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
for(const key7 in data20){
if(!(key7 === "mode")){
const err27 = {instancePath:instancePath+"/mountPropagation",schemaPath:"#/properties/mountPropagation/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data20.mode !== undefined){
let data21 = data20.mode;
if(!(((((data21 === "enforce") || (data21 === "sandbox")) || (data21 === "harden")) || (data21 === "audit")) || (data21 === "off"))){
const err28 = {instancePath:instancePath+"/mountPropagation/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/mountPropagation",schemaPath:"#/properties/mountPropagation/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
validate13.errors = vErrors;
return errors === 0;
}

const schema34 = {"title":"RuleDocument","type":"object","additionalProperties":false,"required":["name","match"],"properties":{"name":{"type":"string","pattern":"\\S"},"match":{"$ref":"#/definitions/match"},"backend":{"description":"The backend for containers this rule matches.","type":"string","pattern":"\\S"},"hardening":{"$ref":"#/definitions/hardening"},"checks":{"$ref":"#/definitions/checks"}}};
const schema35 = {"title":"MatchDocument","description":"What a rule matches: every listed condition must hold; within a list, any item.","type":"object","additionalProperties":false,"minProperties":1,"properties":{"caller":{"description":"The containerd namespace the call comes from: moby (Docker), k8s.io (Kubernetes)...","type":"array","items":{"type":"string"}},"image":{"description":"The image the container runs, any of these references, normalised as Docker does (nginx is docker.io/library/nginx): a repository (any tag), repository:tag, repository@digest, or a bare sha256 digest or image id; * matches any run of characters. Read from Docker's own record of the container or, for Kubernetes, from CRI's io.kubernetes.cri.image-name annotation; an image that cannot be known matches nothing. Chosen by the operator or whoever runs the container, not by the image's content: a rule on it may relax hardening.","type":"array","minItems":1,"items":{"type":"string","pattern":"\\S"}},"capabilities":{"description":"The spec asks for any of these capabilities (bounding set).","type":"array","items":{"type":"string"}},"hostNamespaces":{"description":"The spec shares any of these host namespaces.","type":"array","items":{"enum":["pid","network","ipc","uts","user","cgroup","mount"]}},"mounts":{"description":"A bind mount's resolved host source is, or is under, any of these paths.","type":"array","items":{"type":"string"}},"devices":{"description":"The spec asks for host devices beyond the default ones.","type":"boolean"},"sysctls":{"description":"The spec sets any of these sysctls (a trailing * matches a prefix).","type":"array","items":{"type":"string"}},"privileged":{"description":"The spec looks like --privileged: CAP_SYS_ADMIN and access to every device.","type":"boolean"},"process":{"type":"object","additionalProperties":false,"properties":{"args":{"description":"Globs matched against the command line joined by spaces.","type":"array","items":{"type":"string"}},"user":{"description":"Container uids.","type":"array","items":{"type":"integer","minimum":0}},"cwd":{"description":"Globs matched against the working directory.","type":"array","items":{"type":"string"}}},"description":"The process as the image or the caller set it. Chosen by the container's user: can only raise isolation."},"env":{"description":"Environment variables (glob values). Set by the container's user: can only raise isolation.","type":"object","additionalProperties":{"type":"string"}},"annotations":{"description":"Annotations (glob values). Set by the container's user: can only raise isolation.","type":"object","additionalProperties":{"type":"string"}}}};

function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.match === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "match"},message:"must have required property '"+"match"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "name") || (key0 === "match")) || (key0 === "backend")) || (key0 === "hardening")) || (key0 === "checks"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\""};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.match !== undefined){
let data1 = data.match;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(Object.keys(data1).length < 1){
const err5 = {instancePath:instancePath+"/match",schemaPath:"#/definitions/match/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data1){
if(!(func2.call(schema35.properties, key1))){
const err6 = {instancePath:instancePath+"/match",schemaPath:"#/definitions/match/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.caller !== undefined){
let data2 = data1.caller;
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(typeof data2[i0] !== "string"){
const err7 = {instancePath:instancePath+"/match/caller/" + i0,schemaPath:"#/definitions/match/properties/caller/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/match/caller",schemaPath:"#/definitions/match/properties/caller/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data1.image !== undefined){
let data4 = data1.image;
if(Array.isArray(data4)){
if(data4.length < 1){
const err9 = {instancePath:instancePath+"/match/image",schemaPath:"#/definitions/match/properties/image/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
const len1 = data4.length;
for(let i1=0; i1<len1; i1++){
let data5 = data4[i1];
if(typeof data5 === "string"){
if(!pattern0.test(data5)){
const err10 = {instancePath:instancePath+"/match/image/" + i1,schemaPath:"#/definitions/match/properties/image/items/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\""};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/match/image/" + i1,schemaPath:"#/definitions/match/properties/image/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/match/image",schemaPath:"#/definitions/match/properties/image/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data1.capabilities !== undefined){
let data6 = data1.capabilities;
if(Array.isArray(data6)){
const len2 = data6.length;
for(let i2=0; i2<len2; i2++){
if(typeof data6[i2] !== "string"){
const err13 = {instancePath:instancePath+"/match/capabilities/" + i2,schemaPath:"#/definitions/match/properties/capabilities/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/match/capabilities",schemaPath:"#/definitions/match/properties/capabilities/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data1.hostNamespaces !== undefined){
let data8 = data1.hostNamespaces;
if(Array.isArray(data8)){
const len3 = data8.length;
for(let i3=0; i3<len3; i3++){
let data9 = data8[i3];
if(!(((((((data9 === "pid") || (data9 === "network")) || (data9 === "ipc")) || (data9 === "uts")) || (data9 === "user")) || (data9 === "cgroup")) || (data9 === "mount"))){
const err15 = {instancePath:instancePath+"/match/hostNamespaces/" + i3,schemaPath:"#/definitions/match/properties/hostNamespaces/items/enum",keyword:"enum",params:{allowedValues: schema35.properties.hostNamespaces.items.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/match/hostNamespaces",schemaPath:"#/definitions/match/properties/hostNamespaces/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data1.mounts !== undefined){
let data10 = data1.mounts;
if(Array.isArray(data10)){
const len4 = data10.length;
for(let i4=0; i4<len4; i4++){
if(typeof data10[i4] !== "string"){
const err17 = {instancePath:instancePath+"/match/mounts/" + i4,schemaPath:"#/definitions/match/properties/mounts/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/match/mounts",schemaPath:"#/definitions/match/properties/mounts/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data1.devices !== undefined){
if(typeof data1.devices !== "boolean"){
const err19 = {instancePath:instancePath+"/match/devices",schemaPath:"#/definitions/match/properties/devices/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data1.sysctls !== undefined){
let data13 = data1.sysctls;
if(Array.isArray(data13)){
const len5 = data13.length;
for(let i5=0; i5<len5; i5++){
if(typeof data13[i5] !== "string"){
const err20 = {instancePath:instancePath+"/match/sysctls/" + i5,schemaPath:"#/definitions/match/properties/sysctls/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/match/sysctls",schemaPath:"#/definitions/match/properties/sysctls/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data1.privileged !== undefined){
if(typeof data1.privileged !== "boolean"){
const err22 = {instancePath:instancePath+"/match/privileged",schemaPath:"#/definitions/match/properties/privileged/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data1.process !== undefined){
let data16 = data1.process;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key2 in data16){
if(!(((key2 === "args") || (key2 === "user")) || (key2 === "cwd"))){
const err23 = {instancePath:instancePath+"/match/process",schemaPath:"#/definitions/match/properties/process/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data16.args !== undefined){
let data17 = data16.args;
if(Array.isArray(data17)){
const len6 = data17.length;
for(let i6=0; i6<len6; i6++){
if(typeof data17[i6] !== "string"){
const err24 = {instancePath:instancePath+"/match/process/args/" + i6,schemaPath:"#/definitions/match/properties/process/properties/args/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/match/process/args",schemaPath:"#/definitions/match/properties/process/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data16.user !== undefined){
let data19 = data16.user;
if(Array.isArray(data19)){
const len7 = data19.length;
for(let i7=0; i7<len7; i7++){
let data20 = data19[i7];
if(!(((typeof data20 == "number") && (!(data20 % 1) && !isNaN(data20))) && (isFinite(data20)))){
const err26 = {instancePath:instancePath+"/match/process/user/" + i7,schemaPath:"#/definitions/match/properties/process/properties/user/items/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if((typeof data20 == "number") && (isFinite(data20))){
if(data20 < 0 || isNaN(data20)){
const err27 = {instancePath:instancePath+"/match/process/user/" + i7,schemaPath:"#/definitions/match/properties/process/properties/user/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
}
else {
const err28 = {instancePath:instancePath+"/match/process/user",schemaPath:"#/definitions/match/properties/process/properties/user/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data16.cwd !== undefined){
let data21 = data16.cwd;
if(Array.isArray(data21)){
const len8 = data21.length;
for(let i8=0; i8<len8; i8++){
if(typeof data21[i8] !== "string"){
const err29 = {instancePath:instancePath+"/match/process/cwd/" + i8,schemaPath:"#/definitions/match/properties/process/properties/cwd/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/match/process/cwd",schemaPath:"#/definitions/match/properties/process/properties/cwd/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/match/process",schemaPath:"#/definitions/match/properties/process/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data1.env !== undefined){
let data23 = data1.env;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
for(const key3 in data23){
if(typeof data23[key3] !== "string"){
const err32 = {instancePath:instancePath+"/match/env/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/match/properties/env/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/match/env",schemaPath:"#/definitions/match/properties/env/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data1.annotations !== undefined){
let data25 = data1.annotations;
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
for(const key4 in data25){
if(typeof data25[key4] !== "string"){
const err34 = {instancePath:instancePath+"/match/annotations/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/match/properties/annotations/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/match/annotations",schemaPath:"#/definitions/match/properties/annotations/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/match",schemaPath:"#/definitions/match/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.backend !== undefined){
let data27 = data.backend;
if(typeof data27 === "string"){
if(!pattern0.test(data27)){
const err37 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\""};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.hardening !== undefined){
if(!(validate11(data.hardening, {instancePath:instancePath+"/hardening",parentData:data,parentDataProperty:"hardening",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
if(data.checks !== undefined){
if(!(validate13(data.checks, {instancePath:instancePath+"/checks",parentData:data,parentDataProperty:"checks",rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
}
else {
const err39 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
validate15.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://hardrun.dev/schemas/policy.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((((key0 === "version") || (key0 === "defaultBackend")) || (key0 === "sandboxBackend")) || (key0 === "backends")) || (key0 === "audit")) || (key0 === "hardening")) || (key0 === "checks")) || (key0 === "rules"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.version !== undefined){
if(1 !== data.version){
const err1 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.defaultBackend !== undefined){
let data1 = data.defaultBackend;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err2 = {instancePath:instancePath+"/defaultBackend",schemaPath:"#/properties/defaultBackend/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\""};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/defaultBackend",schemaPath:"#/properties/defaultBackend/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.sandboxBackend !== undefined){
let data2 = data.sandboxBackend;
if(typeof data2 === "string"){
if(!pattern0.test(data2)){
const err4 = {instancePath:instancePath+"/sandboxBackend",schemaPath:"#/properties/sandboxBackend/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/sandboxBackend",schemaPath:"#/properties/sandboxBackend/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.backends !== undefined){
let data3 = data.backends;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
const _errs9 = errors;
if(typeof key1 === "string"){
if(!pattern2.test(key1)){
const err6 = {instancePath:instancePath+"/backends",schemaPath:"#/properties/backends/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_.-]+$"+"\"",propertyName:key1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
var valid1 = _errs9 === errors;
if(!valid1){
const err7 = {instancePath:instancePath+"/backends",schemaPath:"#/properties/backends/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
for(const key2 in data3){
let data4 = data3[key2];
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.path === undefined){
const err8 = {instancePath:instancePath+"/backends/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/backend/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
for(const key3 in data4){
if(!(((key3 === "path") || (key3 === "kind")) || (key3 === "args"))){
const err9 = {instancePath:instancePath+"/backends/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/backend/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data4.path !== undefined){
let data5 = data4.path;
if(typeof data5 === "string"){
if(!pattern0.test(data5)){
const err10 = {instancePath:instancePath+"/backends/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/path",schemaPath:"#/definitions/backend/properties/path/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\""};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/backends/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/path",schemaPath:"#/definitions/backend/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data4.kind !== undefined){
let data6 = data4.kind;
if(!(((data6 === "runc") || (data6 === "runsc")) || (data6 === "kata"))){
const err12 = {instancePath:instancePath+"/backends/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/kind",schemaPath:"#/definitions/backend/properties/kind/enum",keyword:"enum",params:{allowedValues: schema12.properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data4.args !== undefined){
let data7 = data4.args;
if(Array.isArray(data7)){
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
if(typeof data7[i0] !== "string"){
const err13 = {instancePath:instancePath+"/backends/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/args/" + i0,schemaPath:"#/definitions/backend/properties/args/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/backends/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/args",schemaPath:"#/definitions/backend/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/backends/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/backend/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/backends",schemaPath:"#/properties/backends/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.audit !== undefined){
let data9 = data.audit;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key4 in data9){
if(!(key4 === "file")){
const err17 = {instancePath:instancePath+"/audit",schemaPath:"#/definitions/audit/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data9.file !== undefined){
let data10 = data9.file;
if(typeof data10 === "string"){
if(!pattern0.test(data10)){
const err18 = {instancePath:instancePath+"/audit/file",schemaPath:"#/definitions/audit/properties/file/pattern",keyword:"pattern",params:{pattern: "\\S"},message:"must match pattern \""+"\\S"+"\""};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/audit/file",schemaPath:"#/definitions/audit/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/audit",schemaPath:"#/definitions/audit/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.hardening !== undefined){
if(!(validate11(data.hardening, {instancePath:instancePath+"/hardening",parentData:data,parentDataProperty:"hardening",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
if(data.checks !== undefined){
if(!(validate13(data.checks, {instancePath:instancePath+"/checks",parentData:data,parentDataProperty:"checks",rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
if(data.rules !== undefined){
let data13 = data.rules;
if(Array.isArray(data13)){
const len1 = data13.length;
for(let i1=0; i1<len1; i1++){
if(!(validate15(data13[i1], {instancePath:instancePath+"/rules/" + i1,parentData:data13,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
}
else {
const err21 = {instancePath:instancePath+"/rules",schemaPath:"#/properties/rules/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
