// Generated from schemas/policy.schema.json by schemas/generate.mjs: do not edit.
"use strict";
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://hardrun.dev/schemas/policy.schema.json","title":"PolicyDocument","description":"A hardrun policy file (YAML or JSON). Every field is optional: what is left out comes from the built-in policy.","type":"object","additionalProperties":false,"properties":{"version":{"description":"The policy format version.","const":1},"defaultBackend":{"description":"The backend a container runs under when no rule picks one.","type":"string","pattern":"\\S"},"sandboxBackend":{"description":"Where a check in `sandbox` mode sends a container instead of refusing it.","type":"string","pattern":"\\S"},"backends":{"description":"Backends by name, declared like daemon.json runtimes. runc, crun, runsc and kata are known without declaring them.","type":"object","additionalProperties":{"$ref":"#/definitions/backend"},"propertyNames":{"pattern":"^[A-Za-z0-9_.-]+$"}},"audit":{"$ref":"#/definitions/audit"},"hardening":{"$ref":"#/definitions/hardening"},"checks":{"$ref":"#/definitions/checks"},"rules":{"description":"Ordered: the first rule whose `match` holds decides. No rule matching means the top-level settings.","type":"array","items":{"$ref":"#/definitions/rule"}}},"definitions":{"backend":{"title":"BackendDocument","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"description":"Absolute path, or a name looked up in the system PATH (never the caller's).","type":"string","pattern":"\\S"},"kind":{"description":"Whose command-line dialect it speaks.","enum":["runc","runsc","kata"]},"args":{"description":"Global flags placed before the caller's, e.g. [\"--network=none\"].","type":"array","items":{"type":"string"}}}},"audit":{"title":"AuditDocument","type":"object","additionalProperties":false,"properties":{"file":{"description":"Append one JSON line per create and exec decision here. Unset: no audit log.","type":"string","pattern":"\\S"}}},"transformMode":{"description":"harden: rewrite the spec; audit: record what harden would do; off: nothing.","enum":["harden","audit","off"]},"checkMode":{"description":"enforce: refuse; sandbox: run under the sandbox backend instead; harden: rewrite to safe; audit: record only; off: nothing.","enum":["enforce","sandbox","harden","audit","off"]},"idRange":{"type":"object","additionalProperties":false,"required":["hostID","size"],"properties":{"hostID":{"type":"integer","minimum":1},"size":{"type":"integer","minimum":1}}},"hardening":{"title":"HardeningDocument","description":"Overrides of the built-in hardening, transform by transform.","type":"object","additionalProperties":false,"properties":{"annotations":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"strip":{"description":"Annotation keys to remove; a trailing * matches a prefix.","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}}}},"capabilities":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"allow":{"description":"Capabilities kept in every set when asked for (with or without CAP_).","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}},"never":{"description":"Never kept under a backend that shares the host kernel, whatever `allow` says.","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}},"neverLiftedUnder":{"type":["array","object"],"items":{"enum":["runc","runsc","kata"]},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"enum":["runc","runsc","kata"]}},"remove":{"type":"array","items":{"enum":["runc","runsc","kata"]}}}}}},"noNewPrivileges":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"}}},"seccomp":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"deny":{"description":"Syscalls that always fail with errnoRet.","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}},"errnoRet":{"type":"integer","minimum":1,"maximum":4095},"denyNamespaceClone":{"type":"boolean"},"architectures":{"type":"object","additionalProperties":{"type":"array","items":{"type":"string"}}}}},"systemPaths":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"masked":{"type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}},"readonly":{"type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}}}},"kernelFilesystems":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"readonlyTypes":{"type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}}}},"devices":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"allow":{"type":["array","object"],"items":{"type":"object","additionalProperties":false,"required":["type","major","minor"],"properties":{"type":{"enum":["c","b"]},"major":{"type":"integer","minimum":0},"minor":{"type":"integer","minimum":0}}},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["type","major","minor"],"properties":{"type":{"enum":["c","b"]},"major":{"type":"integer","minimum":0},"minor":{"type":"integer","minimum":0}}}},"remove":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["type","major","minor"],"properties":{"type":{"enum":["c","b"]},"major":{"type":"integer","minimum":0},"minor":{"type":"integer","minimum":0}}}}}}}},"rootfs":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"writablePaths":{"type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}},"tmpfsSize":{"type":"string","pattern":"^[0-9]+[kmgKMG]?$"},"noexec":{"type":"boolean"},"learn":{"description":"With mode audit, learn what the container needs, for hardrun suggest: under runc, the capabilities beyond the allowlist the kernel refuses it are traced (a tracefs instance of its own, and every call of the container goes through the engine). Off (the default): a watched container is only watched, at the cost of watching.","type":"boolean"},"readonlyBindMounts":{"type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}}}},"userNamespace":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"uids":{"$ref":"#/definitions/idRange"},"gids":{"$ref":"#/definitions/idRange"},"plainBindPaths":{"description":"Host paths (and what lies below them) whose binds are never idmapped, so that container root stays nobody there: the host's programs, libraries, logs and state. Docker's named volumes and Kubernetes' volumes are idmapped wherever they are.","type":["array","object"],"items":{"type":"string","pattern":"^/"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string","pattern":"^/"}},"remove":{"type":"array","items":{"type":"string","pattern":"^/"}}}},"idmapMounts":{"description":"Which bind mounts are idmapped so that container root writes there as the files' owner on the host: all (the default, as under runc, with nosuid and nodev added), volumes (Docker's named volumes and Kubernetes' volumes only), or none.","enum":["all","volumes","none"]},"whenOwnersLost":{"description":"What happens to a container whose root filesystem this kernel or filesystem cannot idmap (kernels before 5.19; a storage driver hardrun does not rebuild): refuse (the default) it with a sentence that says why, or nobody: run it with its image files shown as nobody (65534), which the audit record says. doctor tells which this host is.","enum":["refuse","nobody"]}},"description":"Container root mapped to host ids of its own: each container gets a slot of 65536 uids and gids from this pool. uids and gids default to the hardrun lines of /etc/subuid and /etc/subgid. Image files, volumes and binds keep their owners through idmapped mounts."}}},"checks":{"title":"ChecksDocument","description":"The refusals: what a container may not ask for, each with a mode.","type":"object","additionalProperties":false,"properties":{"hostNamespaces":{"description":"Sharing the host's pid, network, ipc, uts, user or cgroup namespace.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"},"types":{"type":["array","object"],"items":{"enum":["pid","network","ipc","uts","user","cgroup","mount"]},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"enum":["pid","network","ipc","uts","user","cgroup","mount"]}},"remove":{"type":"array","items":{"enum":["pid","network","ipc","uts","user","cgroup","mount"]}}}}}},"sensitiveMounts":{"description":"Bind mounts of host paths that give the host away, judged after resolving symlinks; a parent counts.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"},"paths":{"description":"Host paths a container may not mount, nor any parent of them, nor anything under them.","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}},"allow":{"description":"Exceptions under those paths; * matches one path component, {id} the container id.","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}}}},"devices":{"description":"Host devices asked for beyond the default ones.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}},"extraCapabilities":{"description":"Capabilities the container asks for (--cap-add, --privileged, a pod's capabilities.add) beyond the caller's defaults that hardening.capabilities would drop. enforce refuses; sandbox runs it under the sandbox backend with them; harden and audit run it without them (the transform still drops them). Docker's own defaults beyond the allowlist are always dropped without a finding here.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}},"procCwd":{"description":"A working directory under /proc (the CVE-2024-21626 class).","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}},"sysctls":{"description":"Sysctls outside the namespaced, safe ones.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"},"allow":{"description":"Allowed names; a trailing * matches a prefix.","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}}}},"mountPropagation":{"description":"Shared mount propagation, through which mounts reach the host.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}}}},"match":{"title":"MatchDocument","description":"What a rule matches: every listed condition must hold; within a list, any item.","type":"object","additionalProperties":false,"minProperties":1,"properties":{"caller":{"description":"The containerd namespace the call comes from: moby (Docker), k8s.io (Kubernetes)...","type":"array","items":{"type":"string"}},"image":{"description":"The image the container runs, any of these references, normalised as Docker does (nginx is docker.io/library/nginx): a repository (any tag), repository:tag, repository@digest, or a bare sha256 digest or image id; * matches any run of characters. Read from Docker's own record of the container or, for Kubernetes, from CRI's io.kubernetes.cri.image-name annotation; an image that cannot be known matches nothing. Chosen by the operator or whoever runs the container, not by the image's content: a rule on it may relax hardening.","type":"array","minItems":1,"items":{"type":"string","pattern":"\\S"}},"capabilities":{"description":"The spec asks for any of these capabilities (bounding set).","type":"array","items":{"type":"string"}},"hostNamespaces":{"description":"The spec shares any of these host namespaces.","type":"array","items":{"enum":["pid","network","ipc","uts","user","cgroup","mount"]}},"mounts":{"description":"A bind mount's resolved host source is, or is under, any of these paths.","type":"array","items":{"type":"string"}},"devices":{"description":"The spec asks for host devices beyond the default ones.","type":"boolean"},"sysctls":{"description":"The spec sets any of these sysctls (a trailing * matches a prefix).","type":"array","items":{"type":"string"}},"privileged":{"description":"The spec looks like --privileged: CAP_SYS_ADMIN and access to every device.","type":"boolean"},"process":{"type":"object","additionalProperties":false,"properties":{"args":{"description":"Globs matched against the command line joined by spaces.","type":"array","items":{"type":"string"}},"user":{"description":"Container uids.","type":"array","items":{"type":"integer","minimum":0}},"cwd":{"description":"Globs matched against the working directory.","type":"array","items":{"type":"string"}}},"description":"The process as the image or the caller set it. Chosen by the container's user: can only raise isolation."},"env":{"description":"Environment variables (glob values). Set by the container's user: can only raise isolation.","type":"object","additionalProperties":{"type":"string"}},"annotations":{"description":"Annotations (glob values). Set by the container's user: can only raise isolation.","type":"object","additionalProperties":{"type":"string"}}}},"rule":{"title":"RuleDocument","type":"object","additionalProperties":false,"required":["name","match"],"properties":{"name":{"type":"string","pattern":"\\S"},"match":{"$ref":"#/definitions/match"},"backend":{"description":"The backend for containers this rule matches.","type":"string","pattern":"\\S"},"hardening":{"$ref":"#/definitions/hardening"},"checks":{"$ref":"#/definitions/checks"}}}}};
const schema12 = {"title":"BackendDocument","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"description":"Absolute path, or a name looked up in the system PATH (never the caller's).","type":"string","pattern":"\\S"},"kind":{"description":"Whose command-line dialect it speaks.","enum":["runc","runsc","kata"]},"args":{"description":"Global flags placed before the caller's, e.g. [\"--network=none\"].","type":"array","items":{"type":"string"}}}};
const schema13 = {"title":"AuditDocument","type":"object","additionalProperties":false,"properties":{"file":{"description":"Append one JSON line per create and exec decision here. Unset: no audit log.","type":"string","pattern":"\\S"}}};
const pattern0 = new RegExp("\\S", "u");
const pattern2 = new RegExp("^[A-Za-z0-9_.-]+$", "u");
const schema14 = {"title":"HardeningDocument","description":"Overrides of the built-in hardening, transform by transform.","type":"object","additionalProperties":false,"properties":{"annotations":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"strip":{"description":"Annotation keys to remove; a trailing * matches a prefix.","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}}}},"capabilities":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"allow":{"description":"Capabilities kept in every set when asked for (with or without CAP_).","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}},"never":{"description":"Never kept under a backend that shares the host kernel, whatever `allow` says.","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}},"neverLiftedUnder":{"type":["array","object"],"items":{"enum":["runc","runsc","kata"]},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"enum":["runc","runsc","kata"]}},"remove":{"type":"array","items":{"enum":["runc","runsc","kata"]}}}}}},"noNewPrivileges":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"}}},"seccomp":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"deny":{"description":"Syscalls that always fail with errnoRet.","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}},"errnoRet":{"type":"integer","minimum":1,"maximum":4095},"denyNamespaceClone":{"type":"boolean"},"architectures":{"type":"object","additionalProperties":{"type":"array","items":{"type":"string"}}}}},"systemPaths":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"masked":{"type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}},"readonly":{"type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}}}},"kernelFilesystems":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"readonlyTypes":{"type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}}}},"devices":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"allow":{"type":["array","object"],"items":{"type":"object","additionalProperties":false,"required":["type","major","minor"],"properties":{"type":{"enum":["c","b"]},"major":{"type":"integer","minimum":0},"minor":{"type":"integer","minimum":0}}},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["type","major","minor"],"properties":{"type":{"enum":["c","b"]},"major":{"type":"integer","minimum":0},"minor":{"type":"integer","minimum":0}}}},"remove":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["type","major","minor"],"properties":{"type":{"enum":["c","b"]},"major":{"type":"integer","minimum":0},"minor":{"type":"integer","minimum":0}}}}}}}},"rootfs":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"writablePaths":{"type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}},"tmpfsSize":{"type":"string","pattern":"^[0-9]+[kmgKMG]?$"},"noexec":{"type":"boolean"},"learn":{"description":"With mode audit, learn what the container needs, for hardrun suggest: under runc, the capabilities beyond the allowlist the kernel refuses it are traced (a tracefs instance of its own, and every call of the container goes through the engine). Off (the default): a watched container is only watched, at the cost of watching.","type":"boolean"},"readonlyBindMounts":{"type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}}}},"userNamespace":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/transformMode"},"uids":{"$ref":"#/definitions/idRange"},"gids":{"$ref":"#/definitions/idRange"},"plainBindPaths":{"description":"Host paths (and what lies below them) whose binds are never idmapped, so that container root stays nobody there: the host's programs, libraries, logs and state. Docker's named volumes and Kubernetes' volumes are idmapped wherever they are.","type":["array","object"],"items":{"type":"string","pattern":"^/"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string","pattern":"^/"}},"remove":{"type":"array","items":{"type":"string","pattern":"^/"}}}},"idmapMounts":{"description":"Which bind mounts are idmapped so that container root writes there as the files' owner on the host: all (the default, as under runc, with nosuid and nodev added), volumes (Docker's named volumes and Kubernetes' volumes only), or none.","enum":["all","volumes","none"]},"whenOwnersLost":{"description":"What happens to a container whose root filesystem this kernel or filesystem cannot idmap (kernels before 5.19; a storage driver hardrun does not rebuild): refuse (the default) it with a sentence that says why, or nobody: run it with its image files shown as nobody (65534), which the audit record says. doctor tells which this host is.","enum":["refuse","nobody"]}},"description":"Container root mapped to host ids of its own: each container gets a slot of 65536 uids and gids from this pool. uids and gids default to the hardrun lines of /etc/subuid and /etc/subgid. Image files, volumes and binds keep their owners through idmapped mounts."}}};
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
if(!data2 || typeof data2 != "object"){
const err3 = {instancePath:instancePath+"/annotations/strip",schemaPath:"#/properties/annotations/properties/strip/type",keyword:"type",params:{type: schema14.properties.annotations.properties.strip.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(typeof data2[i0] !== "string"){
const err4 = {instancePath:instancePath+"/annotations/strip/" + i0,schemaPath:"#/properties/annotations/properties/strip/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key2 in data2){
if(!((key2 === "add") || (key2 === "remove"))){
const err5 = {instancePath:instancePath+"/annotations/strip",schemaPath:"#/properties/annotations/properties/strip/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data2.add !== undefined){
let data4 = data2.add;
if(Array.isArray(data4)){
const len1 = data4.length;
for(let i1=0; i1<len1; i1++){
if(typeof data4[i1] !== "string"){
const err6 = {instancePath:instancePath+"/annotations/strip/add/" + i1,schemaPath:"#/properties/annotations/properties/strip/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath:instancePath+"/annotations/strip/add",schemaPath:"#/properties/annotations/properties/strip/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data2.remove !== undefined){
let data6 = data2.remove;
if(Array.isArray(data6)){
const len2 = data6.length;
for(let i2=0; i2<len2; i2++){
if(typeof data6[i2] !== "string"){
const err8 = {instancePath:instancePath+"/annotations/strip/remove/" + i2,schemaPath:"#/properties/annotations/properties/strip/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err9 = {instancePath:instancePath+"/annotations/strip/remove",schemaPath:"#/properties/annotations/properties/strip/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
}
}
else {
const err10 = {instancePath:instancePath+"/annotations",schemaPath:"#/properties/annotations/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.capabilities !== undefined){
let data8 = data.capabilities;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key3 in data8){
if(!((((key3 === "mode") || (key3 === "allow")) || (key3 === "never")) || (key3 === "neverLiftedUnder"))){
const err11 = {instancePath:instancePath+"/capabilities",schemaPath:"#/properties/capabilities/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data8.mode !== undefined){
let data9 = data8.mode;
if(!(((data9 === "harden") || (data9 === "audit")) || (data9 === "off"))){
const err12 = {instancePath:instancePath+"/capabilities/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data8.allow !== undefined){
let data10 = data8.allow;
if(!data10 || typeof data10 != "object"){
const err13 = {instancePath:instancePath+"/capabilities/allow",schemaPath:"#/properties/capabilities/properties/allow/type",keyword:"type",params:{type: schema14.properties.capabilities.properties.allow.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(Array.isArray(data10)){
const len3 = data10.length;
for(let i3=0; i3<len3; i3++){
if(typeof data10[i3] !== "string"){
const err14 = {instancePath:instancePath+"/capabilities/allow/" + i3,schemaPath:"#/properties/capabilities/properties/allow/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key4 in data10){
if(!((key4 === "add") || (key4 === "remove"))){
const err15 = {instancePath:instancePath+"/capabilities/allow",schemaPath:"#/properties/capabilities/properties/allow/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data10.add !== undefined){
let data12 = data10.add;
if(Array.isArray(data12)){
const len4 = data12.length;
for(let i4=0; i4<len4; i4++){
if(typeof data12[i4] !== "string"){
const err16 = {instancePath:instancePath+"/capabilities/allow/add/" + i4,schemaPath:"#/properties/capabilities/properties/allow/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err17 = {instancePath:instancePath+"/capabilities/allow/add",schemaPath:"#/properties/capabilities/properties/allow/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data10.remove !== undefined){
let data14 = data10.remove;
if(Array.isArray(data14)){
const len5 = data14.length;
for(let i5=0; i5<len5; i5++){
if(typeof data14[i5] !== "string"){
const err18 = {instancePath:instancePath+"/capabilities/allow/remove/" + i5,schemaPath:"#/properties/capabilities/properties/allow/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/capabilities/allow/remove",schemaPath:"#/properties/capabilities/properties/allow/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
}
if(data8.never !== undefined){
let data16 = data8.never;
if(!data16 || typeof data16 != "object"){
const err20 = {instancePath:instancePath+"/capabilities/never",schemaPath:"#/properties/capabilities/properties/never/type",keyword:"type",params:{type: schema14.properties.capabilities.properties.never.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(Array.isArray(data16)){
const len6 = data16.length;
for(let i6=0; i6<len6; i6++){
if(typeof data16[i6] !== "string"){
const err21 = {instancePath:instancePath+"/capabilities/never/" + i6,schemaPath:"#/properties/capabilities/properties/never/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key5 in data16){
if(!((key5 === "add") || (key5 === "remove"))){
const err22 = {instancePath:instancePath+"/capabilities/never",schemaPath:"#/properties/capabilities/properties/never/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data16.add !== undefined){
let data18 = data16.add;
if(Array.isArray(data18)){
const len7 = data18.length;
for(let i7=0; i7<len7; i7++){
if(typeof data18[i7] !== "string"){
const err23 = {instancePath:instancePath+"/capabilities/never/add/" + i7,schemaPath:"#/properties/capabilities/properties/never/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/capabilities/never/add",schemaPath:"#/properties/capabilities/properties/never/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data16.remove !== undefined){
let data20 = data16.remove;
if(Array.isArray(data20)){
const len8 = data20.length;
for(let i8=0; i8<len8; i8++){
if(typeof data20[i8] !== "string"){
const err25 = {instancePath:instancePath+"/capabilities/never/remove/" + i8,schemaPath:"#/properties/capabilities/properties/never/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err26 = {instancePath:instancePath+"/capabilities/never/remove",schemaPath:"#/properties/capabilities/properties/never/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
}
if(data8.neverLiftedUnder !== undefined){
let data22 = data8.neverLiftedUnder;
if(!data22 || typeof data22 != "object"){
const err27 = {instancePath:instancePath+"/capabilities/neverLiftedUnder",schemaPath:"#/properties/capabilities/properties/neverLiftedUnder/type",keyword:"type",params:{type: schema14.properties.capabilities.properties.neverLiftedUnder.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(Array.isArray(data22)){
const len9 = data22.length;
for(let i9=0; i9<len9; i9++){
let data23 = data22[i9];
if(!(((data23 === "runc") || (data23 === "runsc")) || (data23 === "kata"))){
const err28 = {instancePath:instancePath+"/capabilities/neverLiftedUnder/" + i9,schemaPath:"#/properties/capabilities/properties/neverLiftedUnder/items/enum",keyword:"enum",params:{allowedValues: schema14.properties.capabilities.properties.neverLiftedUnder.items.enum},message:"must be equal to one of the allowed values"};
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
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key6 in data22){
if(!((key6 === "add") || (key6 === "remove"))){
const err29 = {instancePath:instancePath+"/capabilities/neverLiftedUnder",schemaPath:"#/properties/capabilities/properties/neverLiftedUnder/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data22.add !== undefined){
let data24 = data22.add;
if(Array.isArray(data24)){
const len10 = data24.length;
for(let i10=0; i10<len10; i10++){
let data25 = data24[i10];
if(!(((data25 === "runc") || (data25 === "runsc")) || (data25 === "kata"))){
const err30 = {instancePath:instancePath+"/capabilities/neverLiftedUnder/add/" + i10,schemaPath:"#/properties/capabilities/properties/neverLiftedUnder/properties/add/items/enum",keyword:"enum",params:{allowedValues: schema14.properties.capabilities.properties.neverLiftedUnder.properties.add.items.enum},message:"must be equal to one of the allowed values"};
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
const err31 = {instancePath:instancePath+"/capabilities/neverLiftedUnder/add",schemaPath:"#/properties/capabilities/properties/neverLiftedUnder/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data22.remove !== undefined){
let data26 = data22.remove;
if(Array.isArray(data26)){
const len11 = data26.length;
for(let i11=0; i11<len11; i11++){
let data27 = data26[i11];
if(!(((data27 === "runc") || (data27 === "runsc")) || (data27 === "kata"))){
const err32 = {instancePath:instancePath+"/capabilities/neverLiftedUnder/remove/" + i11,schemaPath:"#/properties/capabilities/properties/neverLiftedUnder/properties/remove/items/enum",keyword:"enum",params:{allowedValues: schema14.properties.capabilities.properties.neverLiftedUnder.properties.remove.items.enum},message:"must be equal to one of the allowed values"};
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
const err33 = {instancePath:instancePath+"/capabilities/neverLiftedUnder/remove",schemaPath:"#/properties/capabilities/properties/neverLiftedUnder/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
}
}
else {
const err34 = {instancePath:instancePath+"/capabilities",schemaPath:"#/properties/capabilities/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.noNewPrivileges !== undefined){
let data28 = data.noNewPrivileges;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
for(const key7 in data28){
if(!(key7 === "mode")){
const err35 = {instancePath:instancePath+"/noNewPrivileges",schemaPath:"#/properties/noNewPrivileges/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data28.mode !== undefined){
let data29 = data28.mode;
if(!(((data29 === "harden") || (data29 === "audit")) || (data29 === "off"))){
const err36 = {instancePath:instancePath+"/noNewPrivileges/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath:instancePath+"/noNewPrivileges",schemaPath:"#/properties/noNewPrivileges/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data.seccomp !== undefined){
let data30 = data.seccomp;
if(data30 && typeof data30 == "object" && !Array.isArray(data30)){
for(const key8 in data30){
if(!(((((key8 === "mode") || (key8 === "deny")) || (key8 === "errnoRet")) || (key8 === "denyNamespaceClone")) || (key8 === "architectures"))){
const err38 = {instancePath:instancePath+"/seccomp",schemaPath:"#/properties/seccomp/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data30.mode !== undefined){
let data31 = data30.mode;
if(!(((data31 === "harden") || (data31 === "audit")) || (data31 === "off"))){
const err39 = {instancePath:instancePath+"/seccomp/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data30.deny !== undefined){
let data32 = data30.deny;
if(!data32 || typeof data32 != "object"){
const err40 = {instancePath:instancePath+"/seccomp/deny",schemaPath:"#/properties/seccomp/properties/deny/type",keyword:"type",params:{type: schema14.properties.seccomp.properties.deny.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(Array.isArray(data32)){
const len12 = data32.length;
for(let i12=0; i12<len12; i12++){
if(typeof data32[i12] !== "string"){
const err41 = {instancePath:instancePath+"/seccomp/deny/" + i12,schemaPath:"#/properties/seccomp/properties/deny/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
for(const key9 in data32){
if(!((key9 === "add") || (key9 === "remove"))){
const err42 = {instancePath:instancePath+"/seccomp/deny",schemaPath:"#/properties/seccomp/properties/deny/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data32.add !== undefined){
let data34 = data32.add;
if(Array.isArray(data34)){
const len13 = data34.length;
for(let i13=0; i13<len13; i13++){
if(typeof data34[i13] !== "string"){
const err43 = {instancePath:instancePath+"/seccomp/deny/add/" + i13,schemaPath:"#/properties/seccomp/properties/deny/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
else {
const err44 = {instancePath:instancePath+"/seccomp/deny/add",schemaPath:"#/properties/seccomp/properties/deny/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data32.remove !== undefined){
let data36 = data32.remove;
if(Array.isArray(data36)){
const len14 = data36.length;
for(let i14=0; i14<len14; i14++){
if(typeof data36[i14] !== "string"){
const err45 = {instancePath:instancePath+"/seccomp/deny/remove/" + i14,schemaPath:"#/properties/seccomp/properties/deny/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
else {
const err46 = {instancePath:instancePath+"/seccomp/deny/remove",schemaPath:"#/properties/seccomp/properties/deny/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
}
if(data30.errnoRet !== undefined){
let data38 = data30.errnoRet;
if(!(((typeof data38 == "number") && (!(data38 % 1) && !isNaN(data38))) && (isFinite(data38)))){
const err47 = {instancePath:instancePath+"/seccomp/errnoRet",schemaPath:"#/properties/seccomp/properties/errnoRet/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if((typeof data38 == "number") && (isFinite(data38))){
if(data38 > 4095 || isNaN(data38)){
const err48 = {instancePath:instancePath+"/seccomp/errnoRet",schemaPath:"#/properties/seccomp/properties/errnoRet/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4095},message:"must be <= 4095"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(data38 < 1 || isNaN(data38)){
const err49 = {instancePath:instancePath+"/seccomp/errnoRet",schemaPath:"#/properties/seccomp/properties/errnoRet/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
if(data30.denyNamespaceClone !== undefined){
if(typeof data30.denyNamespaceClone !== "boolean"){
const err50 = {instancePath:instancePath+"/seccomp/denyNamespaceClone",schemaPath:"#/properties/seccomp/properties/denyNamespaceClone/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data30.architectures !== undefined){
let data40 = data30.architectures;
if(data40 && typeof data40 == "object" && !Array.isArray(data40)){
for(const key10 in data40){
let data41 = data40[key10];
if(Array.isArray(data41)){
const len15 = data41.length;
for(let i15=0; i15<len15; i15++){
if(typeof data41[i15] !== "string"){
const err51 = {instancePath:instancePath+"/seccomp/architectures/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i15,schemaPath:"#/properties/seccomp/properties/architectures/additionalProperties/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath:instancePath+"/seccomp/architectures/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/seccomp/properties/architectures/additionalProperties/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
else {
const err53 = {instancePath:instancePath+"/seccomp/architectures",schemaPath:"#/properties/seccomp/properties/architectures/type",keyword:"type",params:{type: "object"},message:"must be object"};
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
const err54 = {instancePath:instancePath+"/seccomp",schemaPath:"#/properties/seccomp/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data.systemPaths !== undefined){
let data43 = data.systemPaths;
if(data43 && typeof data43 == "object" && !Array.isArray(data43)){
for(const key11 in data43){
if(!(((key11 === "mode") || (key11 === "masked")) || (key11 === "readonly"))){
const err55 = {instancePath:instancePath+"/systemPaths",schemaPath:"#/properties/systemPaths/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data43.mode !== undefined){
let data44 = data43.mode;
if(!(((data44 === "harden") || (data44 === "audit")) || (data44 === "off"))){
const err56 = {instancePath:instancePath+"/systemPaths/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data43.masked !== undefined){
let data45 = data43.masked;
if(!data45 || typeof data45 != "object"){
const err57 = {instancePath:instancePath+"/systemPaths/masked",schemaPath:"#/properties/systemPaths/properties/masked/type",keyword:"type",params:{type: schema14.properties.systemPaths.properties.masked.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(Array.isArray(data45)){
const len16 = data45.length;
for(let i16=0; i16<len16; i16++){
if(typeof data45[i16] !== "string"){
const err58 = {instancePath:instancePath+"/systemPaths/masked/" + i16,schemaPath:"#/properties/systemPaths/properties/masked/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
if(data45 && typeof data45 == "object" && !Array.isArray(data45)){
for(const key12 in data45){
if(!((key12 === "add") || (key12 === "remove"))){
const err59 = {instancePath:instancePath+"/systemPaths/masked",schemaPath:"#/properties/systemPaths/properties/masked/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data45.add !== undefined){
let data47 = data45.add;
if(Array.isArray(data47)){
const len17 = data47.length;
for(let i17=0; i17<len17; i17++){
if(typeof data47[i17] !== "string"){
const err60 = {instancePath:instancePath+"/systemPaths/masked/add/" + i17,schemaPath:"#/properties/systemPaths/properties/masked/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
}
else {
const err61 = {instancePath:instancePath+"/systemPaths/masked/add",schemaPath:"#/properties/systemPaths/properties/masked/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data45.remove !== undefined){
let data49 = data45.remove;
if(Array.isArray(data49)){
const len18 = data49.length;
for(let i18=0; i18<len18; i18++){
if(typeof data49[i18] !== "string"){
const err62 = {instancePath:instancePath+"/systemPaths/masked/remove/" + i18,schemaPath:"#/properties/systemPaths/properties/masked/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
}
else {
const err63 = {instancePath:instancePath+"/systemPaths/masked/remove",schemaPath:"#/properties/systemPaths/properties/masked/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
}
if(data43.readonly !== undefined){
let data51 = data43.readonly;
if(!data51 || typeof data51 != "object"){
const err64 = {instancePath:instancePath+"/systemPaths/readonly",schemaPath:"#/properties/systemPaths/properties/readonly/type",keyword:"type",params:{type: schema14.properties.systemPaths.properties.readonly.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(Array.isArray(data51)){
const len19 = data51.length;
for(let i19=0; i19<len19; i19++){
if(typeof data51[i19] !== "string"){
const err65 = {instancePath:instancePath+"/systemPaths/readonly/" + i19,schemaPath:"#/properties/systemPaths/properties/readonly/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
}
if(data51 && typeof data51 == "object" && !Array.isArray(data51)){
for(const key13 in data51){
if(!((key13 === "add") || (key13 === "remove"))){
const err66 = {instancePath:instancePath+"/systemPaths/readonly",schemaPath:"#/properties/systemPaths/properties/readonly/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data51.add !== undefined){
let data53 = data51.add;
if(Array.isArray(data53)){
const len20 = data53.length;
for(let i20=0; i20<len20; i20++){
if(typeof data53[i20] !== "string"){
const err67 = {instancePath:instancePath+"/systemPaths/readonly/add/" + i20,schemaPath:"#/properties/systemPaths/properties/readonly/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
}
else {
const err68 = {instancePath:instancePath+"/systemPaths/readonly/add",schemaPath:"#/properties/systemPaths/properties/readonly/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data51.remove !== undefined){
let data55 = data51.remove;
if(Array.isArray(data55)){
const len21 = data55.length;
for(let i21=0; i21<len21; i21++){
if(typeof data55[i21] !== "string"){
const err69 = {instancePath:instancePath+"/systemPaths/readonly/remove/" + i21,schemaPath:"#/properties/systemPaths/properties/readonly/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
else {
const err70 = {instancePath:instancePath+"/systemPaths/readonly/remove",schemaPath:"#/properties/systemPaths/properties/readonly/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
}
}
}
else {
const err71 = {instancePath:instancePath+"/systemPaths",schemaPath:"#/properties/systemPaths/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data.kernelFilesystems !== undefined){
let data57 = data.kernelFilesystems;
if(data57 && typeof data57 == "object" && !Array.isArray(data57)){
for(const key14 in data57){
if(!((key14 === "mode") || (key14 === "readonlyTypes"))){
const err72 = {instancePath:instancePath+"/kernelFilesystems",schemaPath:"#/properties/kernelFilesystems/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key14},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
if(data57.mode !== undefined){
let data58 = data57.mode;
if(!(((data58 === "harden") || (data58 === "audit")) || (data58 === "off"))){
const err73 = {instancePath:instancePath+"/kernelFilesystems/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(data57.readonlyTypes !== undefined){
let data59 = data57.readonlyTypes;
if(!data59 || typeof data59 != "object"){
const err74 = {instancePath:instancePath+"/kernelFilesystems/readonlyTypes",schemaPath:"#/properties/kernelFilesystems/properties/readonlyTypes/type",keyword:"type",params:{type: schema14.properties.kernelFilesystems.properties.readonlyTypes.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
if(Array.isArray(data59)){
const len22 = data59.length;
for(let i22=0; i22<len22; i22++){
if(typeof data59[i22] !== "string"){
const err75 = {instancePath:instancePath+"/kernelFilesystems/readonlyTypes/" + i22,schemaPath:"#/properties/kernelFilesystems/properties/readonlyTypes/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
}
if(data59 && typeof data59 == "object" && !Array.isArray(data59)){
for(const key15 in data59){
if(!((key15 === "add") || (key15 === "remove"))){
const err76 = {instancePath:instancePath+"/kernelFilesystems/readonlyTypes",schemaPath:"#/properties/kernelFilesystems/properties/readonlyTypes/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key15},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data59.add !== undefined){
let data61 = data59.add;
if(Array.isArray(data61)){
const len23 = data61.length;
for(let i23=0; i23<len23; i23++){
if(typeof data61[i23] !== "string"){
const err77 = {instancePath:instancePath+"/kernelFilesystems/readonlyTypes/add/" + i23,schemaPath:"#/properties/kernelFilesystems/properties/readonlyTypes/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
}
else {
const err78 = {instancePath:instancePath+"/kernelFilesystems/readonlyTypes/add",schemaPath:"#/properties/kernelFilesystems/properties/readonlyTypes/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data59.remove !== undefined){
let data63 = data59.remove;
if(Array.isArray(data63)){
const len24 = data63.length;
for(let i24=0; i24<len24; i24++){
if(typeof data63[i24] !== "string"){
const err79 = {instancePath:instancePath+"/kernelFilesystems/readonlyTypes/remove/" + i24,schemaPath:"#/properties/kernelFilesystems/properties/readonlyTypes/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
}
else {
const err80 = {instancePath:instancePath+"/kernelFilesystems/readonlyTypes/remove",schemaPath:"#/properties/kernelFilesystems/properties/readonlyTypes/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
}
}
else {
const err81 = {instancePath:instancePath+"/kernelFilesystems",schemaPath:"#/properties/kernelFilesystems/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data.devices !== undefined){
let data65 = data.devices;
if(data65 && typeof data65 == "object" && !Array.isArray(data65)){
for(const key16 in data65){
if(!((key16 === "mode") || (key16 === "allow"))){
const err82 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key16},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
if(data65.mode !== undefined){
let data66 = data65.mode;
if(!(((data66 === "harden") || (data66 === "audit")) || (data66 === "off"))){
const err83 = {instancePath:instancePath+"/devices/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data65.allow !== undefined){
let data67 = data65.allow;
if(!data67 || typeof data67 != "object"){
const err84 = {instancePath:instancePath+"/devices/allow",schemaPath:"#/properties/devices/properties/allow/type",keyword:"type",params:{type: schema14.properties.devices.properties.allow.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
if(Array.isArray(data67)){
const len25 = data67.length;
for(let i25=0; i25<len25; i25++){
let data68 = data67[i25];
if(data68 && typeof data68 == "object" && !Array.isArray(data68)){
if(data68.type === undefined){
const err85 = {instancePath:instancePath+"/devices/allow/" + i25,schemaPath:"#/properties/devices/properties/allow/items/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if(data68.major === undefined){
const err86 = {instancePath:instancePath+"/devices/allow/" + i25,schemaPath:"#/properties/devices/properties/allow/items/required",keyword:"required",params:{missingProperty: "major"},message:"must have required property '"+"major"+"'"};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
if(data68.minor === undefined){
const err87 = {instancePath:instancePath+"/devices/allow/" + i25,schemaPath:"#/properties/devices/properties/allow/items/required",keyword:"required",params:{missingProperty: "minor"},message:"must have required property '"+"minor"+"'"};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
for(const key17 in data68){
if(!(((key17 === "type") || (key17 === "major")) || (key17 === "minor"))){
const err88 = {instancePath:instancePath+"/devices/allow/" + i25,schemaPath:"#/properties/devices/properties/allow/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key17},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
if(data68.type !== undefined){
let data69 = data68.type;
if(!((data69 === "c") || (data69 === "b"))){
const err89 = {instancePath:instancePath+"/devices/allow/" + i25+"/type",schemaPath:"#/properties/devices/properties/allow/items/properties/type/enum",keyword:"enum",params:{allowedValues: schema14.properties.devices.properties.allow.items.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(data68.major !== undefined){
let data70 = data68.major;
if(!(((typeof data70 == "number") && (!(data70 % 1) && !isNaN(data70))) && (isFinite(data70)))){
const err90 = {instancePath:instancePath+"/devices/allow/" + i25+"/major",schemaPath:"#/properties/devices/properties/allow/items/properties/major/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
if((typeof data70 == "number") && (isFinite(data70))){
if(data70 < 0 || isNaN(data70)){
const err91 = {instancePath:instancePath+"/devices/allow/" + i25+"/major",schemaPath:"#/properties/devices/properties/allow/items/properties/major/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
}
if(data68.minor !== undefined){
let data71 = data68.minor;
if(!(((typeof data71 == "number") && (!(data71 % 1) && !isNaN(data71))) && (isFinite(data71)))){
const err92 = {instancePath:instancePath+"/devices/allow/" + i25+"/minor",schemaPath:"#/properties/devices/properties/allow/items/properties/minor/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
if((typeof data71 == "number") && (isFinite(data71))){
if(data71 < 0 || isNaN(data71)){
const err93 = {instancePath:instancePath+"/devices/allow/" + i25+"/minor",schemaPath:"#/properties/devices/properties/allow/items/properties/minor/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
}
}
else {
const err94 = {instancePath:instancePath+"/devices/allow/" + i25,schemaPath:"#/properties/devices/properties/allow/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
}
if(data67 && typeof data67 == "object" && !Array.isArray(data67)){
for(const key18 in data67){
if(!((key18 === "add") || (key18 === "remove"))){
const err95 = {instancePath:instancePath+"/devices/allow",schemaPath:"#/properties/devices/properties/allow/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key18},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data67.add !== undefined){
let data72 = data67.add;
if(Array.isArray(data72)){
const len26 = data72.length;
for(let i26=0; i26<len26; i26++){
let data73 = data72[i26];
if(data73 && typeof data73 == "object" && !Array.isArray(data73)){
if(data73.type === undefined){
const err96 = {instancePath:instancePath+"/devices/allow/add/" + i26,schemaPath:"#/properties/devices/properties/allow/properties/add/items/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
if(data73.major === undefined){
const err97 = {instancePath:instancePath+"/devices/allow/add/" + i26,schemaPath:"#/properties/devices/properties/allow/properties/add/items/required",keyword:"required",params:{missingProperty: "major"},message:"must have required property '"+"major"+"'"};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if(data73.minor === undefined){
const err98 = {instancePath:instancePath+"/devices/allow/add/" + i26,schemaPath:"#/properties/devices/properties/allow/properties/add/items/required",keyword:"required",params:{missingProperty: "minor"},message:"must have required property '"+"minor"+"'"};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
for(const key19 in data73){
if(!(((key19 === "type") || (key19 === "major")) || (key19 === "minor"))){
const err99 = {instancePath:instancePath+"/devices/allow/add/" + i26,schemaPath:"#/properties/devices/properties/allow/properties/add/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key19},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
if(data73.type !== undefined){
let data74 = data73.type;
if(!((data74 === "c") || (data74 === "b"))){
const err100 = {instancePath:instancePath+"/devices/allow/add/" + i26+"/type",schemaPath:"#/properties/devices/properties/allow/properties/add/items/properties/type/enum",keyword:"enum",params:{allowedValues: schema14.properties.devices.properties.allow.properties.add.items.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
if(data73.major !== undefined){
let data75 = data73.major;
if(!(((typeof data75 == "number") && (!(data75 % 1) && !isNaN(data75))) && (isFinite(data75)))){
const err101 = {instancePath:instancePath+"/devices/allow/add/" + i26+"/major",schemaPath:"#/properties/devices/properties/allow/properties/add/items/properties/major/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if((typeof data75 == "number") && (isFinite(data75))){
if(data75 < 0 || isNaN(data75)){
const err102 = {instancePath:instancePath+"/devices/allow/add/" + i26+"/major",schemaPath:"#/properties/devices/properties/allow/properties/add/items/properties/major/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
}
if(data73.minor !== undefined){
let data76 = data73.minor;
if(!(((typeof data76 == "number") && (!(data76 % 1) && !isNaN(data76))) && (isFinite(data76)))){
const err103 = {instancePath:instancePath+"/devices/allow/add/" + i26+"/minor",schemaPath:"#/properties/devices/properties/allow/properties/add/items/properties/minor/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
if((typeof data76 == "number") && (isFinite(data76))){
if(data76 < 0 || isNaN(data76)){
const err104 = {instancePath:instancePath+"/devices/allow/add/" + i26+"/minor",schemaPath:"#/properties/devices/properties/allow/properties/add/items/properties/minor/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
}
}
else {
const err105 = {instancePath:instancePath+"/devices/allow/add/" + i26,schemaPath:"#/properties/devices/properties/allow/properties/add/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
}
else {
const err106 = {instancePath:instancePath+"/devices/allow/add",schemaPath:"#/properties/devices/properties/allow/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
}
if(data67.remove !== undefined){
let data77 = data67.remove;
if(Array.isArray(data77)){
const len27 = data77.length;
for(let i27=0; i27<len27; i27++){
let data78 = data77[i27];
if(data78 && typeof data78 == "object" && !Array.isArray(data78)){
if(data78.type === undefined){
const err107 = {instancePath:instancePath+"/devices/allow/remove/" + i27,schemaPath:"#/properties/devices/properties/allow/properties/remove/items/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
if(data78.major === undefined){
const err108 = {instancePath:instancePath+"/devices/allow/remove/" + i27,schemaPath:"#/properties/devices/properties/allow/properties/remove/items/required",keyword:"required",params:{missingProperty: "major"},message:"must have required property '"+"major"+"'"};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
if(data78.minor === undefined){
const err109 = {instancePath:instancePath+"/devices/allow/remove/" + i27,schemaPath:"#/properties/devices/properties/allow/properties/remove/items/required",keyword:"required",params:{missingProperty: "minor"},message:"must have required property '"+"minor"+"'"};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
for(const key20 in data78){
if(!(((key20 === "type") || (key20 === "major")) || (key20 === "minor"))){
const err110 = {instancePath:instancePath+"/devices/allow/remove/" + i27,schemaPath:"#/properties/devices/properties/allow/properties/remove/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key20},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
if(data78.type !== undefined){
let data79 = data78.type;
if(!((data79 === "c") || (data79 === "b"))){
const err111 = {instancePath:instancePath+"/devices/allow/remove/" + i27+"/type",schemaPath:"#/properties/devices/properties/allow/properties/remove/items/properties/type/enum",keyword:"enum",params:{allowedValues: schema14.properties.devices.properties.allow.properties.remove.items.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
if(data78.major !== undefined){
let data80 = data78.major;
if(!(((typeof data80 == "number") && (!(data80 % 1) && !isNaN(data80))) && (isFinite(data80)))){
const err112 = {instancePath:instancePath+"/devices/allow/remove/" + i27+"/major",schemaPath:"#/properties/devices/properties/allow/properties/remove/items/properties/major/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
if((typeof data80 == "number") && (isFinite(data80))){
if(data80 < 0 || isNaN(data80)){
const err113 = {instancePath:instancePath+"/devices/allow/remove/" + i27+"/major",schemaPath:"#/properties/devices/properties/allow/properties/remove/items/properties/major/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
}
if(data78.minor !== undefined){
let data81 = data78.minor;
if(!(((typeof data81 == "number") && (!(data81 % 1) && !isNaN(data81))) && (isFinite(data81)))){
const err114 = {instancePath:instancePath+"/devices/allow/remove/" + i27+"/minor",schemaPath:"#/properties/devices/properties/allow/properties/remove/items/properties/minor/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
if((typeof data81 == "number") && (isFinite(data81))){
if(data81 < 0 || isNaN(data81)){
const err115 = {instancePath:instancePath+"/devices/allow/remove/" + i27+"/minor",schemaPath:"#/properties/devices/properties/allow/properties/remove/items/properties/minor/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
}
}
else {
const err116 = {instancePath:instancePath+"/devices/allow/remove/" + i27,schemaPath:"#/properties/devices/properties/allow/properties/remove/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
}
else {
const err117 = {instancePath:instancePath+"/devices/allow/remove",schemaPath:"#/properties/devices/properties/allow/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
}
}
}
else {
const err118 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
if(data.rootfs !== undefined){
let data82 = data.rootfs;
if(data82 && typeof data82 == "object" && !Array.isArray(data82)){
for(const key21 in data82){
if(!((((((key21 === "mode") || (key21 === "writablePaths")) || (key21 === "tmpfsSize")) || (key21 === "noexec")) || (key21 === "learn")) || (key21 === "readonlyBindMounts"))){
const err119 = {instancePath:instancePath+"/rootfs",schemaPath:"#/properties/rootfs/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key21},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
if(data82.mode !== undefined){
let data83 = data82.mode;
if(!(((data83 === "harden") || (data83 === "audit")) || (data83 === "off"))){
const err120 = {instancePath:instancePath+"/rootfs/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
if(data82.writablePaths !== undefined){
let data84 = data82.writablePaths;
if(!data84 || typeof data84 != "object"){
const err121 = {instancePath:instancePath+"/rootfs/writablePaths",schemaPath:"#/properties/rootfs/properties/writablePaths/type",keyword:"type",params:{type: schema14.properties.rootfs.properties.writablePaths.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
if(Array.isArray(data84)){
const len28 = data84.length;
for(let i28=0; i28<len28; i28++){
if(typeof data84[i28] !== "string"){
const err122 = {instancePath:instancePath+"/rootfs/writablePaths/" + i28,schemaPath:"#/properties/rootfs/properties/writablePaths/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
}
if(data84 && typeof data84 == "object" && !Array.isArray(data84)){
for(const key22 in data84){
if(!((key22 === "add") || (key22 === "remove"))){
const err123 = {instancePath:instancePath+"/rootfs/writablePaths",schemaPath:"#/properties/rootfs/properties/writablePaths/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key22},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
}
if(data84.add !== undefined){
let data86 = data84.add;
if(Array.isArray(data86)){
const len29 = data86.length;
for(let i29=0; i29<len29; i29++){
if(typeof data86[i29] !== "string"){
const err124 = {instancePath:instancePath+"/rootfs/writablePaths/add/" + i29,schemaPath:"#/properties/rootfs/properties/writablePaths/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
}
else {
const err125 = {instancePath:instancePath+"/rootfs/writablePaths/add",schemaPath:"#/properties/rootfs/properties/writablePaths/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
if(data84.remove !== undefined){
let data88 = data84.remove;
if(Array.isArray(data88)){
const len30 = data88.length;
for(let i30=0; i30<len30; i30++){
if(typeof data88[i30] !== "string"){
const err126 = {instancePath:instancePath+"/rootfs/writablePaths/remove/" + i30,schemaPath:"#/properties/rootfs/properties/writablePaths/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
}
else {
const err127 = {instancePath:instancePath+"/rootfs/writablePaths/remove",schemaPath:"#/properties/rootfs/properties/writablePaths/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
}
}
if(data82.tmpfsSize !== undefined){
let data90 = data82.tmpfsSize;
if(typeof data90 === "string"){
if(!pattern5.test(data90)){
const err128 = {instancePath:instancePath+"/rootfs/tmpfsSize",schemaPath:"#/properties/rootfs/properties/tmpfsSize/pattern",keyword:"pattern",params:{pattern: "^[0-9]+[kmgKMG]?$"},message:"must match pattern \""+"^[0-9]+[kmgKMG]?$"+"\""};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
}
else {
const err129 = {instancePath:instancePath+"/rootfs/tmpfsSize",schemaPath:"#/properties/rootfs/properties/tmpfsSize/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
if(data82.noexec !== undefined){
if(typeof data82.noexec !== "boolean"){
const err130 = {instancePath:instancePath+"/rootfs/noexec",schemaPath:"#/properties/rootfs/properties/noexec/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
if(data82.learn !== undefined){
if(typeof data82.learn !== "boolean"){
const err131 = {instancePath:instancePath+"/rootfs/learn",schemaPath:"#/properties/rootfs/properties/learn/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
if(data82.readonlyBindMounts !== undefined){
let data93 = data82.readonlyBindMounts;
if(!data93 || typeof data93 != "object"){
const err132 = {instancePath:instancePath+"/rootfs/readonlyBindMounts",schemaPath:"#/properties/rootfs/properties/readonlyBindMounts/type",keyword:"type",params:{type: schema14.properties.rootfs.properties.readonlyBindMounts.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
if(Array.isArray(data93)){
const len31 = data93.length;
for(let i31=0; i31<len31; i31++){
if(typeof data93[i31] !== "string"){
const err133 = {instancePath:instancePath+"/rootfs/readonlyBindMounts/" + i31,schemaPath:"#/properties/rootfs/properties/readonlyBindMounts/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
}
if(data93 && typeof data93 == "object" && !Array.isArray(data93)){
for(const key23 in data93){
if(!((key23 === "add") || (key23 === "remove"))){
const err134 = {instancePath:instancePath+"/rootfs/readonlyBindMounts",schemaPath:"#/properties/rootfs/properties/readonlyBindMounts/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key23},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
if(data93.add !== undefined){
let data95 = data93.add;
if(Array.isArray(data95)){
const len32 = data95.length;
for(let i32=0; i32<len32; i32++){
if(typeof data95[i32] !== "string"){
const err135 = {instancePath:instancePath+"/rootfs/readonlyBindMounts/add/" + i32,schemaPath:"#/properties/rootfs/properties/readonlyBindMounts/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
}
else {
const err136 = {instancePath:instancePath+"/rootfs/readonlyBindMounts/add",schemaPath:"#/properties/rootfs/properties/readonlyBindMounts/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
if(data93.remove !== undefined){
let data97 = data93.remove;
if(Array.isArray(data97)){
const len33 = data97.length;
for(let i33=0; i33<len33; i33++){
if(typeof data97[i33] !== "string"){
const err137 = {instancePath:instancePath+"/rootfs/readonlyBindMounts/remove/" + i33,schemaPath:"#/properties/rootfs/properties/readonlyBindMounts/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
}
else {
const err138 = {instancePath:instancePath+"/rootfs/readonlyBindMounts/remove",schemaPath:"#/properties/rootfs/properties/readonlyBindMounts/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
}
}
}
else {
const err139 = {instancePath:instancePath+"/rootfs",schemaPath:"#/properties/rootfs/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
if(data.userNamespace !== undefined){
let data99 = data.userNamespace;
if(data99 && typeof data99 == "object" && !Array.isArray(data99)){
for(const key24 in data99){
if(!((((((key24 === "mode") || (key24 === "uids")) || (key24 === "gids")) || (key24 === "plainBindPaths")) || (key24 === "idmapMounts")) || (key24 === "whenOwnersLost"))){
const err140 = {instancePath:instancePath+"/userNamespace",schemaPath:"#/properties/userNamespace/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key24},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
}
if(data99.mode !== undefined){
let data100 = data99.mode;
if(!(((data100 === "harden") || (data100 === "audit")) || (data100 === "off"))){
const err141 = {instancePath:instancePath+"/userNamespace/mode",schemaPath:"#/definitions/transformMode/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
if(data99.uids !== undefined){
let data101 = data99.uids;
if(data101 && typeof data101 == "object" && !Array.isArray(data101)){
if(data101.hostID === undefined){
const err142 = {instancePath:instancePath+"/userNamespace/uids",schemaPath:"#/definitions/idRange/required",keyword:"required",params:{missingProperty: "hostID"},message:"must have required property '"+"hostID"+"'"};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
if(data101.size === undefined){
const err143 = {instancePath:instancePath+"/userNamespace/uids",schemaPath:"#/definitions/idRange/required",keyword:"required",params:{missingProperty: "size"},message:"must have required property '"+"size"+"'"};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
for(const key25 in data101){
if(!((key25 === "hostID") || (key25 === "size"))){
const err144 = {instancePath:instancePath+"/userNamespace/uids",schemaPath:"#/definitions/idRange/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key25},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
}
if(data101.hostID !== undefined){
let data102 = data101.hostID;
if(!(((typeof data102 == "number") && (!(data102 % 1) && !isNaN(data102))) && (isFinite(data102)))){
const err145 = {instancePath:instancePath+"/userNamespace/uids/hostID",schemaPath:"#/definitions/idRange/properties/hostID/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
if((typeof data102 == "number") && (isFinite(data102))){
if(data102 < 1 || isNaN(data102)){
const err146 = {instancePath:instancePath+"/userNamespace/uids/hostID",schemaPath:"#/definitions/idRange/properties/hostID/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
}
}
if(data101.size !== undefined){
let data103 = data101.size;
if(!(((typeof data103 == "number") && (!(data103 % 1) && !isNaN(data103))) && (isFinite(data103)))){
const err147 = {instancePath:instancePath+"/userNamespace/uids/size",schemaPath:"#/definitions/idRange/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
if((typeof data103 == "number") && (isFinite(data103))){
if(data103 < 1 || isNaN(data103)){
const err148 = {instancePath:instancePath+"/userNamespace/uids/size",schemaPath:"#/definitions/idRange/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
}
}
}
else {
const err149 = {instancePath:instancePath+"/userNamespace/uids",schemaPath:"#/definitions/idRange/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
}
if(data99.gids !== undefined){
let data104 = data99.gids;
if(data104 && typeof data104 == "object" && !Array.isArray(data104)){
if(data104.hostID === undefined){
const err150 = {instancePath:instancePath+"/userNamespace/gids",schemaPath:"#/definitions/idRange/required",keyword:"required",params:{missingProperty: "hostID"},message:"must have required property '"+"hostID"+"'"};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
if(data104.size === undefined){
const err151 = {instancePath:instancePath+"/userNamespace/gids",schemaPath:"#/definitions/idRange/required",keyword:"required",params:{missingProperty: "size"},message:"must have required property '"+"size"+"'"};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
for(const key26 in data104){
if(!((key26 === "hostID") || (key26 === "size"))){
const err152 = {instancePath:instancePath+"/userNamespace/gids",schemaPath:"#/definitions/idRange/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key26},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
}
if(data104.hostID !== undefined){
let data105 = data104.hostID;
if(!(((typeof data105 == "number") && (!(data105 % 1) && !isNaN(data105))) && (isFinite(data105)))){
const err153 = {instancePath:instancePath+"/userNamespace/gids/hostID",schemaPath:"#/definitions/idRange/properties/hostID/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
if((typeof data105 == "number") && (isFinite(data105))){
if(data105 < 1 || isNaN(data105)){
const err154 = {instancePath:instancePath+"/userNamespace/gids/hostID",schemaPath:"#/definitions/idRange/properties/hostID/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
}
}
if(data104.size !== undefined){
let data106 = data104.size;
if(!(((typeof data106 == "number") && (!(data106 % 1) && !isNaN(data106))) && (isFinite(data106)))){
const err155 = {instancePath:instancePath+"/userNamespace/gids/size",schemaPath:"#/definitions/idRange/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
if((typeof data106 == "number") && (isFinite(data106))){
if(data106 < 1 || isNaN(data106)){
const err156 = {instancePath:instancePath+"/userNamespace/gids/size",schemaPath:"#/definitions/idRange/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
}
}
}
else {
const err157 = {instancePath:instancePath+"/userNamespace/gids",schemaPath:"#/definitions/idRange/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
}
if(data99.plainBindPaths !== undefined){
let data107 = data99.plainBindPaths;
if(!data107 || typeof data107 != "object"){
const err158 = {instancePath:instancePath+"/userNamespace/plainBindPaths",schemaPath:"#/properties/userNamespace/properties/plainBindPaths/type",keyword:"type",params:{type: schema14.properties.userNamespace.properties.plainBindPaths.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err158];
}
else {
vErrors.push(err158);
}
errors++;
}
if(Array.isArray(data107)){
const len34 = data107.length;
for(let i34=0; i34<len34; i34++){
let data108 = data107[i34];
if(typeof data108 === "string"){
if(!pattern6.test(data108)){
const err159 = {instancePath:instancePath+"/userNamespace/plainBindPaths/" + i34,schemaPath:"#/properties/userNamespace/properties/plainBindPaths/items/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\""};
if(vErrors === null){
vErrors = [err159];
}
else {
vErrors.push(err159);
}
errors++;
}
}
else {
const err160 = {instancePath:instancePath+"/userNamespace/plainBindPaths/" + i34,schemaPath:"#/properties/userNamespace/properties/plainBindPaths/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err160];
}
else {
vErrors.push(err160);
}
errors++;
}
}
}
if(data107 && typeof data107 == "object" && !Array.isArray(data107)){
for(const key27 in data107){
if(!((key27 === "add") || (key27 === "remove"))){
const err161 = {instancePath:instancePath+"/userNamespace/plainBindPaths",schemaPath:"#/properties/userNamespace/properties/plainBindPaths/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key27},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err161];
}
else {
vErrors.push(err161);
}
errors++;
}
}
if(data107.add !== undefined){
let data109 = data107.add;
if(Array.isArray(data109)){
const len35 = data109.length;
for(let i35=0; i35<len35; i35++){
let data110 = data109[i35];
if(typeof data110 === "string"){
if(!pattern6.test(data110)){
const err162 = {instancePath:instancePath+"/userNamespace/plainBindPaths/add/" + i35,schemaPath:"#/properties/userNamespace/properties/plainBindPaths/properties/add/items/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\""};
if(vErrors === null){
vErrors = [err162];
}
else {
vErrors.push(err162);
}
errors++;
}
}
else {
const err163 = {instancePath:instancePath+"/userNamespace/plainBindPaths/add/" + i35,schemaPath:"#/properties/userNamespace/properties/plainBindPaths/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err163];
}
else {
vErrors.push(err163);
}
errors++;
}
}
}
else {
const err164 = {instancePath:instancePath+"/userNamespace/plainBindPaths/add",schemaPath:"#/properties/userNamespace/properties/plainBindPaths/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err164];
}
else {
vErrors.push(err164);
}
errors++;
}
}
if(data107.remove !== undefined){
let data111 = data107.remove;
if(Array.isArray(data111)){
const len36 = data111.length;
for(let i36=0; i36<len36; i36++){
let data112 = data111[i36];
if(typeof data112 === "string"){
if(!pattern6.test(data112)){
const err165 = {instancePath:instancePath+"/userNamespace/plainBindPaths/remove/" + i36,schemaPath:"#/properties/userNamespace/properties/plainBindPaths/properties/remove/items/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\""};
if(vErrors === null){
vErrors = [err165];
}
else {
vErrors.push(err165);
}
errors++;
}
}
else {
const err166 = {instancePath:instancePath+"/userNamespace/plainBindPaths/remove/" + i36,schemaPath:"#/properties/userNamespace/properties/plainBindPaths/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err166];
}
else {
vErrors.push(err166);
}
errors++;
}
}
}
else {
const err167 = {instancePath:instancePath+"/userNamespace/plainBindPaths/remove",schemaPath:"#/properties/userNamespace/properties/plainBindPaths/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err167];
}
else {
vErrors.push(err167);
}
errors++;
}
}
}
}
if(data99.idmapMounts !== undefined){
let data113 = data99.idmapMounts;
if(!(((data113 === "all") || (data113 === "volumes")) || (data113 === "none"))){
const err168 = {instancePath:instancePath+"/userNamespace/idmapMounts",schemaPath:"#/properties/userNamespace/properties/idmapMounts/enum",keyword:"enum",params:{allowedValues: schema14.properties.userNamespace.properties.idmapMounts.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err168];
}
else {
vErrors.push(err168);
}
errors++;
}
}
if(data99.whenOwnersLost !== undefined){
let data114 = data99.whenOwnersLost;
if(!((data114 === "refuse") || (data114 === "nobody"))){
const err169 = {instancePath:instancePath+"/userNamespace/whenOwnersLost",schemaPath:"#/properties/userNamespace/properties/whenOwnersLost/enum",keyword:"enum",params:{allowedValues: schema14.properties.userNamespace.properties.whenOwnersLost.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err169];
}
else {
vErrors.push(err169);
}
errors++;
}
}
}
else {
const err170 = {instancePath:instancePath+"/userNamespace",schemaPath:"#/properties/userNamespace/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err170];
}
else {
vErrors.push(err170);
}
errors++;
}
}
}
else {
const err171 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err171];
}
else {
vErrors.push(err171);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema26 = {"title":"ChecksDocument","description":"The refusals: what a container may not ask for, each with a mode.","type":"object","additionalProperties":false,"properties":{"hostNamespaces":{"description":"Sharing the host's pid, network, ipc, uts, user or cgroup namespace.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"},"types":{"type":["array","object"],"items":{"enum":["pid","network","ipc","uts","user","cgroup","mount"]},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"enum":["pid","network","ipc","uts","user","cgroup","mount"]}},"remove":{"type":"array","items":{"enum":["pid","network","ipc","uts","user","cgroup","mount"]}}}}}},"sensitiveMounts":{"description":"Bind mounts of host paths that give the host away, judged after resolving symlinks; a parent counts.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"},"paths":{"description":"Host paths a container may not mount, nor any parent of them, nor anything under them.","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}},"allow":{"description":"Exceptions under those paths; * matches one path component, {id} the container id.","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}}}},"devices":{"description":"Host devices asked for beyond the default ones.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}},"extraCapabilities":{"description":"Capabilities the container asks for (--cap-add, --privileged, a pod's capabilities.add) beyond the caller's defaults that hardening.capabilities would drop. enforce refuses; sandbox runs it under the sandbox backend with them; harden and audit run it without them (the transform still drops them). Docker's own defaults beyond the allowlist are always dropped without a finding here.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}},"procCwd":{"description":"A working directory under /proc (the CVE-2024-21626 class).","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}},"sysctls":{"description":"Sysctls outside the namespaced, safe ones.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"},"allow":{"description":"Allowed names; a trailing * matches a prefix.","type":["array","object"],"items":{"type":"string"},"additionalProperties":false,"properties":{"add":{"type":"array","items":{"type":"string"}},"remove":{"type":"array","items":{"type":"string"}}}}}},"mountPropagation":{"description":"Shared mount propagation, through which mounts reach the host.","type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/checkMode"}}}}};
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
if(!data2 || typeof data2 != "object"){
const err3 = {instancePath:instancePath+"/hostNamespaces/types",schemaPath:"#/properties/hostNamespaces/properties/types/type",keyword:"type",params:{type: schema26.properties.hostNamespaces.properties.types.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(!(((((((data3 === "pid") || (data3 === "network")) || (data3 === "ipc")) || (data3 === "uts")) || (data3 === "user")) || (data3 === "cgroup")) || (data3 === "mount"))){
const err4 = {instancePath:instancePath+"/hostNamespaces/types/" + i0,schemaPath:"#/properties/hostNamespaces/properties/types/items/enum",keyword:"enum",params:{allowedValues: schema26.properties.hostNamespaces.properties.types.items.enum},message:"must be equal to one of the allowed values"};
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
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key2 in data2){
if(!((key2 === "add") || (key2 === "remove"))){
const err5 = {instancePath:instancePath+"/hostNamespaces/types",schemaPath:"#/properties/hostNamespaces/properties/types/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data2.add !== undefined){
let data4 = data2.add;
if(Array.isArray(data4)){
const len1 = data4.length;
for(let i1=0; i1<len1; i1++){
let data5 = data4[i1];
if(!(((((((data5 === "pid") || (data5 === "network")) || (data5 === "ipc")) || (data5 === "uts")) || (data5 === "user")) || (data5 === "cgroup")) || (data5 === "mount"))){
const err6 = {instancePath:instancePath+"/hostNamespaces/types/add/" + i1,schemaPath:"#/properties/hostNamespaces/properties/types/properties/add/items/enum",keyword:"enum",params:{allowedValues: schema26.properties.hostNamespaces.properties.types.properties.add.items.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath:instancePath+"/hostNamespaces/types/add",schemaPath:"#/properties/hostNamespaces/properties/types/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data2.remove !== undefined){
let data6 = data2.remove;
if(Array.isArray(data6)){
const len2 = data6.length;
for(let i2=0; i2<len2; i2++){
let data7 = data6[i2];
if(!(((((((data7 === "pid") || (data7 === "network")) || (data7 === "ipc")) || (data7 === "uts")) || (data7 === "user")) || (data7 === "cgroup")) || (data7 === "mount"))){
const err8 = {instancePath:instancePath+"/hostNamespaces/types/remove/" + i2,schemaPath:"#/properties/hostNamespaces/properties/types/properties/remove/items/enum",keyword:"enum",params:{allowedValues: schema26.properties.hostNamespaces.properties.types.properties.remove.items.enum},message:"must be equal to one of the allowed values"};
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
const err9 = {instancePath:instancePath+"/hostNamespaces/types/remove",schemaPath:"#/properties/hostNamespaces/properties/types/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
}
}
else {
const err10 = {instancePath:instancePath+"/hostNamespaces",schemaPath:"#/properties/hostNamespaces/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.sensitiveMounts !== undefined){
let data8 = data.sensitiveMounts;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key3 in data8){
if(!(((key3 === "mode") || (key3 === "paths")) || (key3 === "allow"))){
const err11 = {instancePath:instancePath+"/sensitiveMounts",schemaPath:"#/properties/sensitiveMounts/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data8.mode !== undefined){
let data9 = data8.mode;
if(!(((((data9 === "enforce") || (data9 === "sandbox")) || (data9 === "harden")) || (data9 === "audit")) || (data9 === "off"))){
const err12 = {instancePath:instancePath+"/sensitiveMounts/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data8.paths !== undefined){
let data10 = data8.paths;
if(!data10 || typeof data10 != "object"){
const err13 = {instancePath:instancePath+"/sensitiveMounts/paths",schemaPath:"#/properties/sensitiveMounts/properties/paths/type",keyword:"type",params:{type: schema26.properties.sensitiveMounts.properties.paths.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(Array.isArray(data10)){
const len3 = data10.length;
for(let i3=0; i3<len3; i3++){
if(typeof data10[i3] !== "string"){
const err14 = {instancePath:instancePath+"/sensitiveMounts/paths/" + i3,schemaPath:"#/properties/sensitiveMounts/properties/paths/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key4 in data10){
if(!((key4 === "add") || (key4 === "remove"))){
const err15 = {instancePath:instancePath+"/sensitiveMounts/paths",schemaPath:"#/properties/sensitiveMounts/properties/paths/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data10.add !== undefined){
let data12 = data10.add;
if(Array.isArray(data12)){
const len4 = data12.length;
for(let i4=0; i4<len4; i4++){
if(typeof data12[i4] !== "string"){
const err16 = {instancePath:instancePath+"/sensitiveMounts/paths/add/" + i4,schemaPath:"#/properties/sensitiveMounts/properties/paths/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err17 = {instancePath:instancePath+"/sensitiveMounts/paths/add",schemaPath:"#/properties/sensitiveMounts/properties/paths/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data10.remove !== undefined){
let data14 = data10.remove;
if(Array.isArray(data14)){
const len5 = data14.length;
for(let i5=0; i5<len5; i5++){
if(typeof data14[i5] !== "string"){
const err18 = {instancePath:instancePath+"/sensitiveMounts/paths/remove/" + i5,schemaPath:"#/properties/sensitiveMounts/properties/paths/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/sensitiveMounts/paths/remove",schemaPath:"#/properties/sensitiveMounts/properties/paths/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
}
if(data8.allow !== undefined){
let data16 = data8.allow;
if(!data16 || typeof data16 != "object"){
const err20 = {instancePath:instancePath+"/sensitiveMounts/allow",schemaPath:"#/properties/sensitiveMounts/properties/allow/type",keyword:"type",params:{type: schema26.properties.sensitiveMounts.properties.allow.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(Array.isArray(data16)){
const len6 = data16.length;
for(let i6=0; i6<len6; i6++){
if(typeof data16[i6] !== "string"){
const err21 = {instancePath:instancePath+"/sensitiveMounts/allow/" + i6,schemaPath:"#/properties/sensitiveMounts/properties/allow/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key5 in data16){
if(!((key5 === "add") || (key5 === "remove"))){
const err22 = {instancePath:instancePath+"/sensitiveMounts/allow",schemaPath:"#/properties/sensitiveMounts/properties/allow/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data16.add !== undefined){
let data18 = data16.add;
if(Array.isArray(data18)){
const len7 = data18.length;
for(let i7=0; i7<len7; i7++){
if(typeof data18[i7] !== "string"){
const err23 = {instancePath:instancePath+"/sensitiveMounts/allow/add/" + i7,schemaPath:"#/properties/sensitiveMounts/properties/allow/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/sensitiveMounts/allow/add",schemaPath:"#/properties/sensitiveMounts/properties/allow/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data16.remove !== undefined){
let data20 = data16.remove;
if(Array.isArray(data20)){
const len8 = data20.length;
for(let i8=0; i8<len8; i8++){
if(typeof data20[i8] !== "string"){
const err25 = {instancePath:instancePath+"/sensitiveMounts/allow/remove/" + i8,schemaPath:"#/properties/sensitiveMounts/properties/allow/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err26 = {instancePath:instancePath+"/sensitiveMounts/allow/remove",schemaPath:"#/properties/sensitiveMounts/properties/allow/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
}
}
else {
const err27 = {instancePath:instancePath+"/sensitiveMounts",schemaPath:"#/properties/sensitiveMounts/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.devices !== undefined){
let data22 = data.devices;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key6 in data22){
if(!(key6 === "mode")){
const err28 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data22.mode !== undefined){
let data23 = data22.mode;
if(!(((((data23 === "enforce") || (data23 === "sandbox")) || (data23 === "harden")) || (data23 === "audit")) || (data23 === "off"))){
const err29 = {instancePath:instancePath+"/devices/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
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
const err30 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.extraCapabilities !== undefined){
let data24 = data.extraCapabilities;
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
for(const key7 in data24){
if(!(key7 === "mode")){
const err31 = {instancePath:instancePath+"/extraCapabilities",schemaPath:"#/properties/extraCapabilities/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data24.mode !== undefined){
let data25 = data24.mode;
if(!(((((data25 === "enforce") || (data25 === "sandbox")) || (data25 === "harden")) || (data25 === "audit")) || (data25 === "off"))){
const err32 = {instancePath:instancePath+"/extraCapabilities/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
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
const err33 = {instancePath:instancePath+"/extraCapabilities",schemaPath:"#/properties/extraCapabilities/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.procCwd !== undefined){
let data26 = data.procCwd;
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
for(const key8 in data26){
if(!(key8 === "mode")){
const err34 = {instancePath:instancePath+"/procCwd",schemaPath:"#/properties/procCwd/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data26.mode !== undefined){
let data27 = data26.mode;
if(!(((((data27 === "enforce") || (data27 === "sandbox")) || (data27 === "harden")) || (data27 === "audit")) || (data27 === "off"))){
const err35 = {instancePath:instancePath+"/procCwd/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
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
const err36 = {instancePath:instancePath+"/procCwd",schemaPath:"#/properties/procCwd/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.sysctls !== undefined){
let data28 = data.sysctls;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
for(const key9 in data28){
if(!((key9 === "mode") || (key9 === "allow"))){
const err37 = {instancePath:instancePath+"/sysctls",schemaPath:"#/properties/sysctls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data28.mode !== undefined){
let data29 = data28.mode;
if(!(((((data29 === "enforce") || (data29 === "sandbox")) || (data29 === "harden")) || (data29 === "audit")) || (data29 === "off"))){
const err38 = {instancePath:instancePath+"/sysctls/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data28.allow !== undefined){
let data30 = data28.allow;
if(!data30 || typeof data30 != "object"){
const err39 = {instancePath:instancePath+"/sysctls/allow",schemaPath:"#/properties/sysctls/properties/allow/type",keyword:"type",params:{type: schema26.properties.sysctls.properties.allow.type},message:"must be array,object"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(Array.isArray(data30)){
const len9 = data30.length;
for(let i9=0; i9<len9; i9++){
if(typeof data30[i9] !== "string"){
const err40 = {instancePath:instancePath+"/sysctls/allow/" + i9,schemaPath:"#/properties/sysctls/properties/allow/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
if(data30 && typeof data30 == "object" && !Array.isArray(data30)){
for(const key10 in data30){
if(!((key10 === "add") || (key10 === "remove"))){
const err41 = {instancePath:instancePath+"/sysctls/allow",schemaPath:"#/properties/sysctls/properties/allow/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data30.add !== undefined){
let data32 = data30.add;
if(Array.isArray(data32)){
const len10 = data32.length;
for(let i10=0; i10<len10; i10++){
if(typeof data32[i10] !== "string"){
const err42 = {instancePath:instancePath+"/sysctls/allow/add/" + i10,schemaPath:"#/properties/sysctls/properties/allow/properties/add/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/sysctls/allow/add",schemaPath:"#/properties/sysctls/properties/allow/properties/add/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data30.remove !== undefined){
let data34 = data30.remove;
if(Array.isArray(data34)){
const len11 = data34.length;
for(let i11=0; i11<len11; i11++){
if(typeof data34[i11] !== "string"){
const err44 = {instancePath:instancePath+"/sysctls/allow/remove/" + i11,schemaPath:"#/properties/sysctls/properties/allow/properties/remove/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
else {
const err45 = {instancePath:instancePath+"/sysctls/allow/remove",schemaPath:"#/properties/sysctls/properties/allow/properties/remove/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
}
}
else {
const err46 = {instancePath:instancePath+"/sysctls",schemaPath:"#/properties/sysctls/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.mountPropagation !== undefined){
let data36 = data.mountPropagation;
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
for(const key11 in data36){
if(!(key11 === "mode")){
const err47 = {instancePath:instancePath+"/mountPropagation",schemaPath:"#/properties/mountPropagation/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data36.mode !== undefined){
let data37 = data36.mode;
if(!(((((data37 === "enforce") || (data37 === "sandbox")) || (data37 === "harden")) || (data37 === "audit")) || (data37 === "off"))){
const err48 = {instancePath:instancePath+"/mountPropagation/mode",schemaPath:"#/definitions/checkMode/enum",keyword:"enum",params:{allowedValues: schema27.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
else {
const err49 = {instancePath:instancePath+"/mountPropagation",schemaPath:"#/properties/mountPropagation/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
else {
const err50 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
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
