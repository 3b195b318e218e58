// Generated from schemas/spec.schema.json by schemas/generate.mjs: do not edit.
"use strict";
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://hardrun.dev/schemas/spec.schema.json","title":"SpecShape","description":"The types of the config.json fields hardrun reads or writes. Everything else is the backend's to judge and passes through untouched.","type":"object","properties":{"ociVersion":{"type":"string"},"process":{"$ref":"#/definitions/process"},"root":{"type":"object","properties":{"path":{"type":"string"},"readonly":{"type":"boolean"}}},"hostname":{"type":"string"},"mounts":{"type":"array","items":{"type":"object","required":["destination"],"properties":{"destination":{"type":"string"},"type":{"type":"string"},"source":{"type":"string"},"options":{"$ref":"#/definitions/strings"}}}},"annotations":{"type":"object","additionalProperties":{"type":"string"}},"linux":{"type":"object","properties":{"namespaces":{"type":"array","items":{"type":"object","required":["type"],"properties":{"type":{"type":"string"},"path":{"type":"string"}}}},"uidMappings":{"$ref":"#/definitions/idMappings"},"gidMappings":{"$ref":"#/definitions/idMappings"},"devices":{"type":"array","items":{"type":"object","properties":{"path":{"type":"string"},"type":{"type":"string"},"major":{"type":"integer"},"minor":{"type":"integer"}}}},"resources":{"type":"object","properties":{"devices":{"type":"array","items":{"type":"object","properties":{"allow":{"type":"boolean"},"type":{"type":"string"},"major":{"type":["integer","null"]},"minor":{"type":["integer","null"]},"access":{"type":"string"}}}}}},"sysctl":{"type":"object","additionalProperties":{"type":"string"}},"seccomp":{"type":"object","properties":{"defaultAction":{"type":"string"},"defaultErrnoRet":{"type":"integer"},"architectures":{"$ref":"#/definitions/strings"},"flags":{"$ref":"#/definitions/strings"},"syscalls":{"type":"array","items":{"type":"object","required":["names","action"],"properties":{"names":{"$ref":"#/definitions/strings"},"action":{"type":"string"},"errnoRet":{"type":"integer"},"args":{"type":"array","items":{"type":"object","required":["index","value","op"],"properties":{"index":{"type":"integer"},"value":{"type":"integer"},"valueTwo":{"type":"integer"},"op":{"type":"string"}}}}}}}}},"maskedPaths":{"$ref":"#/definitions/strings"},"readonlyPaths":{"$ref":"#/definitions/strings"},"rootfsPropagation":{"type":"string"}}}},"definitions":{"strings":{"type":"array","items":{"type":"string"}},"idMappings":{"type":"array","items":{"type":"object","required":["containerID","hostID","size"],"properties":{"containerID":{"type":"integer","minimum":0},"hostID":{"type":"integer","minimum":0},"size":{"type":"integer","minimum":0}}}},"process":{"type":"object","properties":{"terminal":{"type":"boolean"},"user":{"type":"object","properties":{"uid":{"type":"integer","minimum":0},"gid":{"type":"integer","minimum":0},"additionalGids":{"type":"array","items":{"type":"integer"}}}},"args":{"$ref":"#/definitions/strings"},"env":{"$ref":"#/definitions/strings"},"cwd":{"type":"string"},"noNewPrivileges":{"type":"boolean"},"capabilities":{"type":"object","properties":{"bounding":{"$ref":"#/definitions/strings"},"effective":{"$ref":"#/definitions/strings"},"permitted":{"$ref":"#/definitions/strings"},"inheritable":{"$ref":"#/definitions/strings"},"ambient":{"$ref":"#/definitions/strings"}}}}}}};
const schema13 = {"type":"array","items":{"type":"string"}};
const schema21 = {"type":"array","items":{"type":"object","required":["containerID","hostID","size"],"properties":{"containerID":{"type":"integer","minimum":0},"hostID":{"type":"integer","minimum":0},"size":{"type":"integer","minimum":0}}}};
const schema12 = {"type":"object","properties":{"terminal":{"type":"boolean"},"user":{"type":"object","properties":{"uid":{"type":"integer","minimum":0},"gid":{"type":"integer","minimum":0},"additionalGids":{"type":"array","items":{"type":"integer"}}}},"args":{"$ref":"#/definitions/strings"},"env":{"$ref":"#/definitions/strings"},"cwd":{"type":"string"},"noNewPrivileges":{"type":"boolean"},"capabilities":{"type":"object","properties":{"bounding":{"$ref":"#/definitions/strings"},"effective":{"$ref":"#/definitions/strings"},"permitted":{"$ref":"#/definitions/strings"},"inheritable":{"$ref":"#/definitions/strings"},"ambient":{"$ref":"#/definitions/strings"}}}}};

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.terminal !== undefined){
const _errs1 = errors;
if(typeof data.terminal !== "boolean"){
validate11.errors = [{instancePath:instancePath+"/terminal",schemaPath:"#/properties/terminal/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.user !== undefined){
let data1 = data.user;
const _errs3 = errors;
if(errors === _errs3){
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.uid !== undefined){
let data2 = data1.uid;
const _errs5 = errors;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
validate11.errors = [{instancePath:instancePath+"/user/uid",schemaPath:"#/properties/user/properties/uid/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs5){
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
validate11.errors = [{instancePath:instancePath+"/user/uid",schemaPath:"#/properties/user/properties/uid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
var valid1 = _errs5 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data1.gid !== undefined){
let data3 = data1.gid;
const _errs7 = errors;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
validate11.errors = [{instancePath:instancePath+"/user/gid",schemaPath:"#/properties/user/properties/gid/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs7){
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
validate11.errors = [{instancePath:instancePath+"/user/gid",schemaPath:"#/properties/user/properties/gid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
var valid1 = _errs7 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data1.additionalGids !== undefined){
let data4 = data1.additionalGids;
const _errs9 = errors;
if(errors === _errs9){
if(Array.isArray(data4)){
var valid2 = true;
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
const _errs11 = errors;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
validate11.errors = [{instancePath:instancePath+"/user/additionalGids/" + i0,schemaPath:"#/properties/user/properties/additionalGids/items/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
var valid2 = _errs11 === errors;
if(!valid2){
break;
}
}
}
else {
validate11.errors = [{instancePath:instancePath+"/user/additionalGids",schemaPath:"#/properties/user/properties/additionalGids/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid1 = _errs9 === errors;
}
else {
var valid1 = true;
}
}
}
}
else {
validate11.errors = [{instancePath:instancePath+"/user",schemaPath:"#/properties/user/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.args !== undefined){
let data6 = data.args;
const _errs13 = errors;
const _errs14 = errors;
if(errors === _errs14){
if(Array.isArray(data6)){
var valid4 = true;
const len1 = data6.length;
for(let i1=0; i1<len1; i1++){
const _errs16 = errors;
if(typeof data6[i1] !== "string"){
validate11.errors = [{instancePath:instancePath+"/args/" + i1,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid4 = _errs16 === errors;
if(!valid4){
break;
}
}
}
else {
validate11.errors = [{instancePath:instancePath+"/args",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs13 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.env !== undefined){
let data8 = data.env;
const _errs18 = errors;
const _errs19 = errors;
if(errors === _errs19){
if(Array.isArray(data8)){
var valid6 = true;
const len2 = data8.length;
for(let i2=0; i2<len2; i2++){
const _errs21 = errors;
if(typeof data8[i2] !== "string"){
validate11.errors = [{instancePath:instancePath+"/env/" + i2,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid6 = _errs21 === errors;
if(!valid6){
break;
}
}
}
else {
validate11.errors = [{instancePath:instancePath+"/env",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs18 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.cwd !== undefined){
const _errs23 = errors;
if(typeof data.cwd !== "string"){
validate11.errors = [{instancePath:instancePath+"/cwd",schemaPath:"#/properties/cwd/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs23 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.noNewPrivileges !== undefined){
const _errs25 = errors;
if(typeof data.noNewPrivileges !== "boolean"){
validate11.errors = [{instancePath:instancePath+"/noNewPrivileges",schemaPath:"#/properties/noNewPrivileges/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid0 = _errs25 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.capabilities !== undefined){
let data12 = data.capabilities;
const _errs27 = errors;
if(errors === _errs27){
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.bounding !== undefined){
let data13 = data12.bounding;
const _errs29 = errors;
const _errs30 = errors;
if(errors === _errs30){
if(Array.isArray(data13)){
var valid9 = true;
const len3 = data13.length;
for(let i3=0; i3<len3; i3++){
const _errs32 = errors;
if(typeof data13[i3] !== "string"){
validate11.errors = [{instancePath:instancePath+"/capabilities/bounding/" + i3,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid9 = _errs32 === errors;
if(!valid9){
break;
}
}
}
else {
validate11.errors = [{instancePath:instancePath+"/capabilities/bounding",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid7 = _errs29 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data12.effective !== undefined){
let data15 = data12.effective;
const _errs34 = errors;
const _errs35 = errors;
if(errors === _errs35){
if(Array.isArray(data15)){
var valid11 = true;
const len4 = data15.length;
for(let i4=0; i4<len4; i4++){
const _errs37 = errors;
if(typeof data15[i4] !== "string"){
validate11.errors = [{instancePath:instancePath+"/capabilities/effective/" + i4,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid11 = _errs37 === errors;
if(!valid11){
break;
}
}
}
else {
validate11.errors = [{instancePath:instancePath+"/capabilities/effective",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid7 = _errs34 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data12.permitted !== undefined){
let data17 = data12.permitted;
const _errs39 = errors;
const _errs40 = errors;
if(errors === _errs40){
if(Array.isArray(data17)){
var valid13 = true;
const len5 = data17.length;
for(let i5=0; i5<len5; i5++){
const _errs42 = errors;
if(typeof data17[i5] !== "string"){
validate11.errors = [{instancePath:instancePath+"/capabilities/permitted/" + i5,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid13 = _errs42 === errors;
if(!valid13){
break;
}
}
}
else {
validate11.errors = [{instancePath:instancePath+"/capabilities/permitted",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid7 = _errs39 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data12.inheritable !== undefined){
let data19 = data12.inheritable;
const _errs44 = errors;
const _errs45 = errors;
if(errors === _errs45){
if(Array.isArray(data19)){
var valid15 = true;
const len6 = data19.length;
for(let i6=0; i6<len6; i6++){
const _errs47 = errors;
if(typeof data19[i6] !== "string"){
validate11.errors = [{instancePath:instancePath+"/capabilities/inheritable/" + i6,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid15 = _errs47 === errors;
if(!valid15){
break;
}
}
}
else {
validate11.errors = [{instancePath:instancePath+"/capabilities/inheritable",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid7 = _errs44 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data12.ambient !== undefined){
let data21 = data12.ambient;
const _errs49 = errors;
const _errs50 = errors;
if(errors === _errs50){
if(Array.isArray(data21)){
var valid17 = true;
const len7 = data21.length;
for(let i7=0; i7<len7; i7++){
const _errs52 = errors;
if(typeof data21[i7] !== "string"){
validate11.errors = [{instancePath:instancePath+"/capabilities/ambient/" + i7,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid17 = _errs52 === errors;
if(!valid17){
break;
}
}
}
else {
validate11.errors = [{instancePath:instancePath+"/capabilities/ambient",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid7 = _errs49 === errors;
}
else {
var valid7 = true;
}
}
}
}
}
}
else {
validate11.errors = [{instancePath:instancePath+"/capabilities",schemaPath:"#/properties/capabilities/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs27 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate11.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate11.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://hardrun.dev/schemas/spec.schema.json" */;
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.ociVersion !== undefined){
const _errs1 = errors;
if(typeof data.ociVersion !== "string"){
validate10.errors = [{instancePath:instancePath+"/ociVersion",schemaPath:"#/properties/ociVersion/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.process !== undefined){
const _errs3 = errors;
if(!(validate11(data.process, {instancePath:instancePath+"/process",parentData:data,parentDataProperty:"process",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.root !== undefined){
let data2 = data.root;
const _errs4 = errors;
if(errors === _errs4){
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.path !== undefined){
const _errs6 = errors;
if(typeof data2.path !== "string"){
validate10.errors = [{instancePath:instancePath+"/root/path",schemaPath:"#/properties/root/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid1 = _errs6 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data2.readonly !== undefined){
const _errs8 = errors;
if(typeof data2.readonly !== "boolean"){
validate10.errors = [{instancePath:instancePath+"/root/readonly",schemaPath:"#/properties/root/properties/readonly/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid1 = _errs8 === errors;
}
else {
var valid1 = true;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/root",schemaPath:"#/properties/root/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.hostname !== undefined){
const _errs10 = errors;
if(typeof data.hostname !== "string"){
validate10.errors = [{instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.mounts !== undefined){
let data6 = data.mounts;
const _errs12 = errors;
if(errors === _errs12){
if(Array.isArray(data6)){
var valid2 = true;
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
let data7 = data6[i0];
const _errs14 = errors;
if(errors === _errs14){
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
let missing0;
if((data7.destination === undefined) && (missing0 = "destination")){
validate10.errors = [{instancePath:instancePath+"/mounts/" + i0,schemaPath:"#/properties/mounts/items/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data7.destination !== undefined){
const _errs16 = errors;
if(typeof data7.destination !== "string"){
validate10.errors = [{instancePath:instancePath+"/mounts/" + i0+"/destination",schemaPath:"#/properties/mounts/items/properties/destination/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs16 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data7.type !== undefined){
const _errs18 = errors;
if(typeof data7.type !== "string"){
validate10.errors = [{instancePath:instancePath+"/mounts/" + i0+"/type",schemaPath:"#/properties/mounts/items/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs18 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data7.source !== undefined){
const _errs20 = errors;
if(typeof data7.source !== "string"){
validate10.errors = [{instancePath:instancePath+"/mounts/" + i0+"/source",schemaPath:"#/properties/mounts/items/properties/source/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid3 = _errs20 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data7.options !== undefined){
let data11 = data7.options;
const _errs22 = errors;
const _errs23 = errors;
if(errors === _errs23){
if(Array.isArray(data11)){
var valid5 = true;
const len1 = data11.length;
for(let i1=0; i1<len1; i1++){
const _errs25 = errors;
if(typeof data11[i1] !== "string"){
validate10.errors = [{instancePath:instancePath+"/mounts/" + i0+"/options/" + i1,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid5 = _errs25 === errors;
if(!valid5){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/mounts/" + i0+"/options",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid3 = _errs22 === errors;
}
else {
var valid3 = true;
}
}
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/mounts/" + i0,schemaPath:"#/properties/mounts/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid2 = _errs14 === errors;
if(!valid2){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/mounts",schemaPath:"#/properties/mounts/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.annotations !== undefined){
let data13 = data.annotations;
const _errs27 = errors;
if(errors === _errs27){
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(const key0 in data13){
const _errs30 = errors;
if(typeof data13[key0] !== "string"){
validate10.errors = [{instancePath:instancePath+"/annotations/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/annotations/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid6 = _errs30 === errors;
if(!valid6){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/annotations",schemaPath:"#/properties/annotations/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs27 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.linux !== undefined){
let data15 = data.linux;
const _errs32 = errors;
if(errors === _errs32){
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(data15.namespaces !== undefined){
let data16 = data15.namespaces;
const _errs34 = errors;
if(errors === _errs34){
if(Array.isArray(data16)){
var valid8 = true;
const len2 = data16.length;
for(let i2=0; i2<len2; i2++){
let data17 = data16[i2];
const _errs36 = errors;
if(errors === _errs36){
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
let missing1;
if((data17.type === undefined) && (missing1 = "type")){
validate10.errors = [{instancePath:instancePath+"/linux/namespaces/" + i2,schemaPath:"#/properties/linux/properties/namespaces/items/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
else {
if(data17.type !== undefined){
const _errs38 = errors;
if(typeof data17.type !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/namespaces/" + i2+"/type",schemaPath:"#/properties/linux/properties/namespaces/items/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid9 = _errs38 === errors;
}
else {
var valid9 = true;
}
if(valid9){
if(data17.path !== undefined){
const _errs40 = errors;
if(typeof data17.path !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/namespaces/" + i2+"/path",schemaPath:"#/properties/linux/properties/namespaces/items/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid9 = _errs40 === errors;
}
else {
var valid9 = true;
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/namespaces/" + i2,schemaPath:"#/properties/linux/properties/namespaces/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid8 = _errs36 === errors;
if(!valid8){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/namespaces",schemaPath:"#/properties/linux/properties/namespaces/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid7 = _errs34 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data15.uidMappings !== undefined){
let data20 = data15.uidMappings;
const _errs42 = errors;
const _errs43 = errors;
if(errors === _errs43){
if(Array.isArray(data20)){
var valid11 = true;
const len3 = data20.length;
for(let i3=0; i3<len3; i3++){
let data21 = data20[i3];
const _errs45 = errors;
if(errors === _errs45){
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
let missing2;
if((((data21.containerID === undefined) && (missing2 = "containerID")) || ((data21.hostID === undefined) && (missing2 = "hostID"))) || ((data21.size === undefined) && (missing2 = "size"))){
validate10.errors = [{instancePath:instancePath+"/linux/uidMappings/" + i3,schemaPath:"#/definitions/idMappings/items/required",keyword:"required",params:{missingProperty: missing2},message:"must have required property '"+missing2+"'"}];
return false;
}
else {
if(data21.containerID !== undefined){
let data22 = data21.containerID;
const _errs47 = errors;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
validate10.errors = [{instancePath:instancePath+"/linux/uidMappings/" + i3+"/containerID",schemaPath:"#/definitions/idMappings/items/properties/containerID/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs47){
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 < 0 || isNaN(data22)){
validate10.errors = [{instancePath:instancePath+"/linux/uidMappings/" + i3+"/containerID",schemaPath:"#/definitions/idMappings/items/properties/containerID/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
var valid12 = _errs47 === errors;
}
else {
var valid12 = true;
}
if(valid12){
if(data21.hostID !== undefined){
let data23 = data21.hostID;
const _errs49 = errors;
if(!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23)))){
validate10.errors = [{instancePath:instancePath+"/linux/uidMappings/" + i3+"/hostID",schemaPath:"#/definitions/idMappings/items/properties/hostID/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs49){
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 < 0 || isNaN(data23)){
validate10.errors = [{instancePath:instancePath+"/linux/uidMappings/" + i3+"/hostID",schemaPath:"#/definitions/idMappings/items/properties/hostID/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
var valid12 = _errs49 === errors;
}
else {
var valid12 = true;
}
if(valid12){
if(data21.size !== undefined){
let data24 = data21.size;
const _errs51 = errors;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
validate10.errors = [{instancePath:instancePath+"/linux/uidMappings/" + i3+"/size",schemaPath:"#/definitions/idMappings/items/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs51){
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 < 0 || isNaN(data24)){
validate10.errors = [{instancePath:instancePath+"/linux/uidMappings/" + i3+"/size",schemaPath:"#/definitions/idMappings/items/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
var valid12 = _errs51 === errors;
}
else {
var valid12 = true;
}
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/uidMappings/" + i3,schemaPath:"#/definitions/idMappings/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid11 = _errs45 === errors;
if(!valid11){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/uidMappings",schemaPath:"#/definitions/idMappings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid7 = _errs42 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data15.gidMappings !== undefined){
let data25 = data15.gidMappings;
const _errs53 = errors;
const _errs54 = errors;
if(errors === _errs54){
if(Array.isArray(data25)){
var valid14 = true;
const len4 = data25.length;
for(let i4=0; i4<len4; i4++){
let data26 = data25[i4];
const _errs56 = errors;
if(errors === _errs56){
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
let missing3;
if((((data26.containerID === undefined) && (missing3 = "containerID")) || ((data26.hostID === undefined) && (missing3 = "hostID"))) || ((data26.size === undefined) && (missing3 = "size"))){
validate10.errors = [{instancePath:instancePath+"/linux/gidMappings/" + i4,schemaPath:"#/definitions/idMappings/items/required",keyword:"required",params:{missingProperty: missing3},message:"must have required property '"+missing3+"'"}];
return false;
}
else {
if(data26.containerID !== undefined){
let data27 = data26.containerID;
const _errs58 = errors;
if(!(((typeof data27 == "number") && (!(data27 % 1) && !isNaN(data27))) && (isFinite(data27)))){
validate10.errors = [{instancePath:instancePath+"/linux/gidMappings/" + i4+"/containerID",schemaPath:"#/definitions/idMappings/items/properties/containerID/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs58){
if((typeof data27 == "number") && (isFinite(data27))){
if(data27 < 0 || isNaN(data27)){
validate10.errors = [{instancePath:instancePath+"/linux/gidMappings/" + i4+"/containerID",schemaPath:"#/definitions/idMappings/items/properties/containerID/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
var valid15 = _errs58 === errors;
}
else {
var valid15 = true;
}
if(valid15){
if(data26.hostID !== undefined){
let data28 = data26.hostID;
const _errs60 = errors;
if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){
validate10.errors = [{instancePath:instancePath+"/linux/gidMappings/" + i4+"/hostID",schemaPath:"#/definitions/idMappings/items/properties/hostID/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs60){
if((typeof data28 == "number") && (isFinite(data28))){
if(data28 < 0 || isNaN(data28)){
validate10.errors = [{instancePath:instancePath+"/linux/gidMappings/" + i4+"/hostID",schemaPath:"#/definitions/idMappings/items/properties/hostID/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
var valid15 = _errs60 === errors;
}
else {
var valid15 = true;
}
if(valid15){
if(data26.size !== undefined){
let data29 = data26.size;
const _errs62 = errors;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
validate10.errors = [{instancePath:instancePath+"/linux/gidMappings/" + i4+"/size",schemaPath:"#/definitions/idMappings/items/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs62){
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 < 0 || isNaN(data29)){
validate10.errors = [{instancePath:instancePath+"/linux/gidMappings/" + i4+"/size",schemaPath:"#/definitions/idMappings/items/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
var valid15 = _errs62 === errors;
}
else {
var valid15 = true;
}
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/gidMappings/" + i4,schemaPath:"#/definitions/idMappings/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid14 = _errs56 === errors;
if(!valid14){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/gidMappings",schemaPath:"#/definitions/idMappings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid7 = _errs53 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data15.devices !== undefined){
let data30 = data15.devices;
const _errs64 = errors;
if(errors === _errs64){
if(Array.isArray(data30)){
var valid16 = true;
const len5 = data30.length;
for(let i5=0; i5<len5; i5++){
let data31 = data30[i5];
const _errs66 = errors;
if(errors === _errs66){
if(data31 && typeof data31 == "object" && !Array.isArray(data31)){
if(data31.path !== undefined){
const _errs68 = errors;
if(typeof data31.path !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/devices/" + i5+"/path",schemaPath:"#/properties/linux/properties/devices/items/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid17 = _errs68 === errors;
}
else {
var valid17 = true;
}
if(valid17){
if(data31.type !== undefined){
const _errs70 = errors;
if(typeof data31.type !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/devices/" + i5+"/type",schemaPath:"#/properties/linux/properties/devices/items/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid17 = _errs70 === errors;
}
else {
var valid17 = true;
}
if(valid17){
if(data31.major !== undefined){
let data34 = data31.major;
const _errs72 = errors;
if(!(((typeof data34 == "number") && (!(data34 % 1) && !isNaN(data34))) && (isFinite(data34)))){
validate10.errors = [{instancePath:instancePath+"/linux/devices/" + i5+"/major",schemaPath:"#/properties/linux/properties/devices/items/properties/major/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
var valid17 = _errs72 === errors;
}
else {
var valid17 = true;
}
if(valid17){
if(data31.minor !== undefined){
let data35 = data31.minor;
const _errs74 = errors;
if(!(((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35))) && (isFinite(data35)))){
validate10.errors = [{instancePath:instancePath+"/linux/devices/" + i5+"/minor",schemaPath:"#/properties/linux/properties/devices/items/properties/minor/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
var valid17 = _errs74 === errors;
}
else {
var valid17 = true;
}
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/devices/" + i5,schemaPath:"#/properties/linux/properties/devices/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid16 = _errs66 === errors;
if(!valid16){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/devices",schemaPath:"#/properties/linux/properties/devices/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid7 = _errs64 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data15.resources !== undefined){
let data36 = data15.resources;
const _errs76 = errors;
if(errors === _errs76){
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
if(data36.devices !== undefined){
let data37 = data36.devices;
const _errs78 = errors;
if(errors === _errs78){
if(Array.isArray(data37)){
var valid19 = true;
const len6 = data37.length;
for(let i6=0; i6<len6; i6++){
let data38 = data37[i6];
const _errs80 = errors;
if(errors === _errs80){
if(data38 && typeof data38 == "object" && !Array.isArray(data38)){
if(data38.allow !== undefined){
const _errs82 = errors;
if(typeof data38.allow !== "boolean"){
validate10.errors = [{instancePath:instancePath+"/linux/resources/devices/" + i6+"/allow",schemaPath:"#/properties/linux/properties/resources/properties/devices/items/properties/allow/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid20 = _errs82 === errors;
}
else {
var valid20 = true;
}
if(valid20){
if(data38.type !== undefined){
const _errs84 = errors;
if(typeof data38.type !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/resources/devices/" + i6+"/type",schemaPath:"#/properties/linux/properties/resources/properties/devices/items/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid20 = _errs84 === errors;
}
else {
var valid20 = true;
}
if(valid20){
if(data38.major !== undefined){
let data41 = data38.major;
const _errs86 = errors;
if((!(((typeof data41 == "number") && (!(data41 % 1) && !isNaN(data41))) && (isFinite(data41)))) && (data41 !== null)){
validate10.errors = [{instancePath:instancePath+"/linux/resources/devices/" + i6+"/major",schemaPath:"#/properties/linux/properties/resources/properties/devices/items/properties/major/type",keyword:"type",params:{type: schema11.properties.linux.properties.resources.properties.devices.items.properties.major.type},message:"must be integer,null"}];
return false;
}
var valid20 = _errs86 === errors;
}
else {
var valid20 = true;
}
if(valid20){
if(data38.minor !== undefined){
let data42 = data38.minor;
const _errs88 = errors;
if((!(((typeof data42 == "number") && (!(data42 % 1) && !isNaN(data42))) && (isFinite(data42)))) && (data42 !== null)){
validate10.errors = [{instancePath:instancePath+"/linux/resources/devices/" + i6+"/minor",schemaPath:"#/properties/linux/properties/resources/properties/devices/items/properties/minor/type",keyword:"type",params:{type: schema11.properties.linux.properties.resources.properties.devices.items.properties.minor.type},message:"must be integer,null"}];
return false;
}
var valid20 = _errs88 === errors;
}
else {
var valid20 = true;
}
if(valid20){
if(data38.access !== undefined){
const _errs90 = errors;
if(typeof data38.access !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/resources/devices/" + i6+"/access",schemaPath:"#/properties/linux/properties/resources/properties/devices/items/properties/access/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid20 = _errs90 === errors;
}
else {
var valid20 = true;
}
}
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/resources/devices/" + i6,schemaPath:"#/properties/linux/properties/resources/properties/devices/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid19 = _errs80 === errors;
if(!valid19){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/resources/devices",schemaPath:"#/properties/linux/properties/resources/properties/devices/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/resources",schemaPath:"#/properties/linux/properties/resources/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid7 = _errs76 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data15.sysctl !== undefined){
let data44 = data15.sysctl;
const _errs92 = errors;
if(errors === _errs92){
if(data44 && typeof data44 == "object" && !Array.isArray(data44)){
for(const key1 in data44){
const _errs95 = errors;
if(typeof data44[key1] !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/sysctl/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/linux/properties/sysctl/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid21 = _errs95 === errors;
if(!valid21){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/sysctl",schemaPath:"#/properties/linux/properties/sysctl/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid7 = _errs92 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data15.seccomp !== undefined){
let data46 = data15.seccomp;
const _errs97 = errors;
if(errors === _errs97){
if(data46 && typeof data46 == "object" && !Array.isArray(data46)){
if(data46.defaultAction !== undefined){
const _errs99 = errors;
if(typeof data46.defaultAction !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/defaultAction",schemaPath:"#/properties/linux/properties/seccomp/properties/defaultAction/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid22 = _errs99 === errors;
}
else {
var valid22 = true;
}
if(valid22){
if(data46.defaultErrnoRet !== undefined){
let data48 = data46.defaultErrnoRet;
const _errs101 = errors;
if(!(((typeof data48 == "number") && (!(data48 % 1) && !isNaN(data48))) && (isFinite(data48)))){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/defaultErrnoRet",schemaPath:"#/properties/linux/properties/seccomp/properties/defaultErrnoRet/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
var valid22 = _errs101 === errors;
}
else {
var valid22 = true;
}
if(valid22){
if(data46.architectures !== undefined){
let data49 = data46.architectures;
const _errs103 = errors;
const _errs104 = errors;
if(errors === _errs104){
if(Array.isArray(data49)){
var valid24 = true;
const len7 = data49.length;
for(let i7=0; i7<len7; i7++){
const _errs106 = errors;
if(typeof data49[i7] !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/architectures/" + i7,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid24 = _errs106 === errors;
if(!valid24){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/architectures",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid22 = _errs103 === errors;
}
else {
var valid22 = true;
}
if(valid22){
if(data46.flags !== undefined){
let data51 = data46.flags;
const _errs108 = errors;
const _errs109 = errors;
if(errors === _errs109){
if(Array.isArray(data51)){
var valid26 = true;
const len8 = data51.length;
for(let i8=0; i8<len8; i8++){
const _errs111 = errors;
if(typeof data51[i8] !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/flags/" + i8,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid26 = _errs111 === errors;
if(!valid26){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/flags",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid22 = _errs108 === errors;
}
else {
var valid22 = true;
}
if(valid22){
if(data46.syscalls !== undefined){
let data53 = data46.syscalls;
const _errs113 = errors;
if(errors === _errs113){
if(Array.isArray(data53)){
var valid27 = true;
const len9 = data53.length;
for(let i9=0; i9<len9; i9++){
let data54 = data53[i9];
const _errs115 = errors;
if(errors === _errs115){
if(data54 && typeof data54 == "object" && !Array.isArray(data54)){
let missing4;
if(((data54.names === undefined) && (missing4 = "names")) || ((data54.action === undefined) && (missing4 = "action"))){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9,schemaPath:"#/properties/linux/properties/seccomp/properties/syscalls/items/required",keyword:"required",params:{missingProperty: missing4},message:"must have required property '"+missing4+"'"}];
return false;
}
else {
if(data54.names !== undefined){
let data55 = data54.names;
const _errs117 = errors;
const _errs118 = errors;
if(errors === _errs118){
if(Array.isArray(data55)){
var valid30 = true;
const len10 = data55.length;
for(let i10=0; i10<len10; i10++){
const _errs120 = errors;
if(typeof data55[i10] !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9+"/names/" + i10,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid30 = _errs120 === errors;
if(!valid30){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9+"/names",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid28 = _errs117 === errors;
}
else {
var valid28 = true;
}
if(valid28){
if(data54.action !== undefined){
const _errs122 = errors;
if(typeof data54.action !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9+"/action",schemaPath:"#/properties/linux/properties/seccomp/properties/syscalls/items/properties/action/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid28 = _errs122 === errors;
}
else {
var valid28 = true;
}
if(valid28){
if(data54.errnoRet !== undefined){
let data58 = data54.errnoRet;
const _errs124 = errors;
if(!(((typeof data58 == "number") && (!(data58 % 1) && !isNaN(data58))) && (isFinite(data58)))){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9+"/errnoRet",schemaPath:"#/properties/linux/properties/seccomp/properties/syscalls/items/properties/errnoRet/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
var valid28 = _errs124 === errors;
}
else {
var valid28 = true;
}
if(valid28){
if(data54.args !== undefined){
let data59 = data54.args;
const _errs126 = errors;
if(errors === _errs126){
if(Array.isArray(data59)){
var valid31 = true;
const len11 = data59.length;
for(let i11=0; i11<len11; i11++){
let data60 = data59[i11];
const _errs128 = errors;
if(errors === _errs128){
if(data60 && typeof data60 == "object" && !Array.isArray(data60)){
let missing5;
if((((data60.index === undefined) && (missing5 = "index")) || ((data60.value === undefined) && (missing5 = "value"))) || ((data60.op === undefined) && (missing5 = "op"))){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9+"/args/" + i11,schemaPath:"#/properties/linux/properties/seccomp/properties/syscalls/items/properties/args/items/required",keyword:"required",params:{missingProperty: missing5},message:"must have required property '"+missing5+"'"}];
return false;
}
else {
if(data60.index !== undefined){
let data61 = data60.index;
const _errs130 = errors;
if(!(((typeof data61 == "number") && (!(data61 % 1) && !isNaN(data61))) && (isFinite(data61)))){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9+"/args/" + i11+"/index",schemaPath:"#/properties/linux/properties/seccomp/properties/syscalls/items/properties/args/items/properties/index/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
var valid32 = _errs130 === errors;
}
else {
var valid32 = true;
}
if(valid32){
if(data60.value !== undefined){
let data62 = data60.value;
const _errs132 = errors;
if(!(((typeof data62 == "number") && (!(data62 % 1) && !isNaN(data62))) && (isFinite(data62)))){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9+"/args/" + i11+"/value",schemaPath:"#/properties/linux/properties/seccomp/properties/syscalls/items/properties/args/items/properties/value/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
var valid32 = _errs132 === errors;
}
else {
var valid32 = true;
}
if(valid32){
if(data60.valueTwo !== undefined){
let data63 = data60.valueTwo;
const _errs134 = errors;
if(!(((typeof data63 == "number") && (!(data63 % 1) && !isNaN(data63))) && (isFinite(data63)))){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9+"/args/" + i11+"/valueTwo",schemaPath:"#/properties/linux/properties/seccomp/properties/syscalls/items/properties/args/items/properties/valueTwo/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
var valid32 = _errs134 === errors;
}
else {
var valid32 = true;
}
if(valid32){
if(data60.op !== undefined){
const _errs136 = errors;
if(typeof data60.op !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9+"/args/" + i11+"/op",schemaPath:"#/properties/linux/properties/seccomp/properties/syscalls/items/properties/args/items/properties/op/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid32 = _errs136 === errors;
}
else {
var valid32 = true;
}
}
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9+"/args/" + i11,schemaPath:"#/properties/linux/properties/seccomp/properties/syscalls/items/properties/args/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid31 = _errs128 === errors;
if(!valid31){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9+"/args",schemaPath:"#/properties/linux/properties/seccomp/properties/syscalls/items/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid28 = _errs126 === errors;
}
else {
var valid28 = true;
}
}
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls/" + i9,schemaPath:"#/properties/linux/properties/seccomp/properties/syscalls/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid27 = _errs115 === errors;
if(!valid27){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/seccomp/syscalls",schemaPath:"#/properties/linux/properties/seccomp/properties/syscalls/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid22 = _errs113 === errors;
}
else {
var valid22 = true;
}
}
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/seccomp",schemaPath:"#/properties/linux/properties/seccomp/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid7 = _errs97 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data15.maskedPaths !== undefined){
let data65 = data15.maskedPaths;
const _errs138 = errors;
const _errs139 = errors;
if(errors === _errs139){
if(Array.isArray(data65)){
var valid34 = true;
const len12 = data65.length;
for(let i12=0; i12<len12; i12++){
const _errs141 = errors;
if(typeof data65[i12] !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/maskedPaths/" + i12,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid34 = _errs141 === errors;
if(!valid34){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/maskedPaths",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid7 = _errs138 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data15.readonlyPaths !== undefined){
let data67 = data15.readonlyPaths;
const _errs143 = errors;
const _errs144 = errors;
if(errors === _errs144){
if(Array.isArray(data67)){
var valid36 = true;
const len13 = data67.length;
for(let i13=0; i13<len13; i13++){
const _errs146 = errors;
if(typeof data67[i13] !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/readonlyPaths/" + i13,schemaPath:"#/definitions/strings/items/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid36 = _errs146 === errors;
if(!valid36){
break;
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux/readonlyPaths",schemaPath:"#/definitions/strings/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid7 = _errs143 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data15.rootfsPropagation !== undefined){
const _errs148 = errors;
if(typeof data15.rootfsPropagation !== "string"){
validate10.errors = [{instancePath:instancePath+"/linux/rootfsPropagation",schemaPath:"#/properties/linux/properties/rootfsPropagation/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid7 = _errs148 === errors;
}
else {
var valid7 = true;
}
}
}
}
}
}
}
}
}
}
}
else {
validate10.errors = [{instancePath:instancePath+"/linux",schemaPath:"#/properties/linux/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs32 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
else {
validate10.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate10.errors = vErrors;
return errors === 0;
}
