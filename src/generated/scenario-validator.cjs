// Written by `npm run gen` (src/dev/generated-files.ts) from specs/scenario.schema.yaml: do not edit.
"use strict";
module.exports = validate20;
module.exports.default = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"flowmock scenario","description":"A named dataset: workspaces with their users, flows and runs (docs/data-model.md#canonical-records and docs/scenarios.md#file-format). Explicit records are honoured exactly; `generate` blocks add deterministic volume seeded by `seed`. Rules that a schema cannot express (ids that must exist, a run before its flow, finishedAt only on terminal runs, ...) are checked by the loader, which names the file, the path and the problem.","type":"object","additionalProperties":false,"required":["version","name","seed","workspaces"],"properties":{"version":{"description":"Scenario format version.","const":1},"name":{"description":"Short name, shown at start-up and in `/__mock/health`.","type":"string","minLength":1},"description":{"description":"What the scenario is for.","type":"string"},"seed":{"description":"Seed of every generated value (faker and the run generator). Same seed, same dataset.","type":"integer"},"now":{"description":"Freezes the clock at this instant. Without it the clock is real time (unless `--now` is given).","$ref":"#/$defs/instant"},"workspaces":{"type":"array","items":{"$ref":"#/$defs/workspace"}}},"$defs":{"instant":{"description":"An ISO 8601 date-time with a UTC offset, e.g. `2026-11-20T12:00:00Z`.","type":"string","format":"date-time"},"uuid":{"type":"string","format":"uuid"},"status":{"description":"Canonical run status. Terminal = succeeded, failed, cancelled (finishedAt set iff terminal).","type":"string","enum":["awaiting_payment","payment_confirmed","queued","running","paused","succeeded","failed","cancelled"]},"trigger":{"description":"How the run was initiated (StackAI's run_type vocabulary).","type":"string","enum":["workflow_builder","form","batch","chat_assistant","agent_assistant","trigger","scheduled","sub_workflow","api"]},"workspace":{"description":"A workspace: StackAI's org_id, OnePin's X-Workspace-Id, B3OS's X-Org-ID, Multiplai's workspace_uuid and Alloy's account. Each of its tokens authenticates as it on every API.","type":"object","additionalProperties":false,"required":["id","name","tokens"],"properties":{"id":{"$ref":"#/$defs/uuid"},"name":{"type":"string","minLength":1},"tokens":{"description":"Bearer tokens that authenticate as this workspace.","type":"array","minItems":1,"items":{"type":"string","minLength":8,"pattern":"^[A-Za-z0-9._~+/-]+=*$"}},"users":{"type":"array","items":{"$ref":"#/$defs/user"}},"flows":{"type":"array","items":{"$ref":"#/$defs/flow"}},"runs":{"type":"array","items":{"$ref":"#/$defs/run"}},"generate":{"$ref":"#/$defs/generate"}}},"user":{"type":"object","additionalProperties":false,"required":["id","name","email"],"properties":{"id":{"type":"string","minLength":1},"name":{"type":"string","minLength":1},"email":{"type":"string","format":"email"}}},"share":{"type":"object","additionalProperties":false,"required":["at","by"],"properties":{"at":{"$ref":"#/$defs/instant"},"by":{"description":"Id of the user who shared the flow.","type":"string","minLength":1}}},"flow":{"type":"object","additionalProperties":false,"required":["id","kind","name","createdAt","createdBy"],"properties":{"id":{"$ref":"#/$defs/uuid"},"kind":{"type":"string","enum":["workflow","agent"]},"name":{"type":"string","minLength":1},"createdAt":{"$ref":"#/$defs/instant"},"createdBy":{"description":"Id of a user of the same workspace.","type":"string","minLength":1},"fromTemplate":{"description":"The flow was copied from a template (Multiplai's `copies`).","type":"boolean","default":false},"shares":{"type":"array","default":[],"items":{"$ref":"#/$defs/share"}}}},"run":{"type":"object","additionalProperties":false,"required":["id","flow","status","createdAt"],"properties":{"id":{"$ref":"#/$defs/uuid"},"flow":{"description":"Id of a flow of the same workspace.","$ref":"#/$defs/uuid"},"user":{"description":"Id of the user who started the run; null for a run the system started.","type":["string","null"],"minLength":1,"default":null},"status":{"$ref":"#/$defs/status"},"createdAt":{"$ref":"#/$defs/instant"},"startedAt":{"description":"An ISO 8601 date-time with a UTC offset. Set for running and paused; null for queued and the payment states; either for terminal runs.","type":["string","null"],"format":"date-time","default":null},"finishedAt":{"description":"An ISO 8601 date-time with a UTC offset. Set if and only if the status is terminal.","type":["string","null"],"format":"date-time","default":null},"resumed":{"description":"The run was resumed after a pause (StackAI reports a running resumed run as RESUMED).","type":"boolean","default":false},"appActions":{"description":"Blocks executed (Alloy's app actions).","type":"integer","minimum":0,"default":0},"tokens":{"description":"LLM tokens used (StackAI's total_tokens).","type":"integer","minimum":0,"default":0},"trigger":{"$ref":"#/$defs/trigger","default":"api"},"sourceSystem":{"description":"The system that started the run (B3OS's sourceSystem).","type":"string","minLength":1,"default":"api"},"error":{"description":"The error message of a failed run; null otherwise.","type":["string","null"],"default":null},"detail":{"$ref":"#/$defs/runDetail"}}},"runDetail":{"description":"Vendor detail that is otherwise generated deterministically from the run (StackAI's run summary fields).","type":"object","additionalProperties":false,"properties":{"conversationId":{"type":["string","null"]},"inputs":{"type":["string","null"]},"outputs":{"type":["string","null"]},"llms":{"type":["string","null"]},"feedback":{"type":["string","null"]},"ranByType":{"type":["string","null"],"enum":["user","personal_api_key","org_api_key","system",null]},"ranById":{"type":["string","null"],"format":"uuid"},"ranByDisplayName":{"type":["string","null"]},"parentRunId":{"type":["string","null"],"format":"uuid"},"parentProjectId":{"type":["string","null"]},"parentProjectName":{"type":["string","null"]}}},"generate":{"description":"Deterministic volume added to the workspace's explicit records, seeded by the scenario seed and the workspace id. Runs spread over `days` days ending at `end` (default: the clock's now at load), with a daily and weekly rhythm, heavy-tailed durations and failure bursts.","type":"object","additionalProperties":false,"properties":{"users":{"description":"Number of users to add.","type":"integer","minimum":0,"maximum":100000,"default":0},"usersWithoutRuns":{"description":"How many of the generated users never start a run.","type":"integer","minimum":0,"default":0},"workflows":{"description":"Number of flows of kind `workflow` to add.","type":"integer","minimum":0,"maximum":100000,"default":0},"agents":{"description":"Number of flows of kind `agent` to add.","type":"integer","minimum":0,"maximum":100000,"default":0},"runs":{"description":"Number of runs to add, spread over the flows of the workspace (explicit and generated).","type":"integer","minimum":0,"maximum":5000000,"default":0},"days":{"description":"The span, in days, that generated records cover.","type":"integer","minimum":1,"maximum":3650,"default":90},"end":{"description":"Last instant of the span (default the clock's now at load time).","$ref":"#/$defs/instant"},"statusMix":{"description":"Relative weights of final statuses for runs that have finished by `end` (normalised). Runs still in progress at `end` come from `inProgressShare`.","type":"object","additionalProperties":false,"properties":{"succeeded":{"type":"number","minimum":0},"failed":{"type":"number","minimum":0},"cancelled":{"type":"number","minimum":0}}},"inProgressShare":{"description":"Share of the most recent runs (last hours of the span) still queued, running, paused or awaiting payment.","type":"number","minimum":0,"maximum":1,"default":0.01},"medianDurationSeconds":{"description":"Median run duration; durations are log-normal around it (heavy tail).","type":"number","exclusiveMinimum":0,"default":45},"failureBursts":{"description":"Number of incident windows (a few hours each) in which most runs fail.","type":"integer","minimum":0,"maximum":1000,"default":2},"sourceSystems":{"description":"Source systems to draw from (B3OS's sourceSystem); default a realistic set.","type":"array","minItems":1,"items":{"type":"string","minLength":1}}}}}};
const schema32 = {"description":"An ISO 8601 date-time with a UTC offset, e.g. `2026-11-20T12:00:00Z`.","type":"string","format":"date-time"};
const func1 = require("ajv/dist/runtime/ucs2length").default;
const formats0 = require("ajv-formats/dist/formats").fullFormats["date-time"];
const schema33 = {"description":"A workspace: StackAI's org_id, OnePin's X-Workspace-Id, B3OS's X-Org-ID, Multiplai's workspace_uuid and Alloy's account. Each of its tokens authenticates as it on every API.","type":"object","additionalProperties":false,"required":["id","name","tokens"],"properties":{"id":{"$ref":"#/$defs/uuid"},"name":{"type":"string","minLength":1},"tokens":{"description":"Bearer tokens that authenticate as this workspace.","type":"array","minItems":1,"items":{"type":"string","minLength":8,"pattern":"^[A-Za-z0-9._~+/-]+=*$"}},"users":{"type":"array","items":{"$ref":"#/$defs/user"}},"flows":{"type":"array","items":{"$ref":"#/$defs/flow"}},"runs":{"type":"array","items":{"$ref":"#/$defs/run"}},"generate":{"$ref":"#/$defs/generate"}}};
const schema34 = {"type":"string","format":"uuid"};
const schema35 = {"type":"object","additionalProperties":false,"required":["id","name","email"],"properties":{"id":{"type":"string","minLength":1},"name":{"type":"string","minLength":1},"email":{"type":"string","format":"email"}}};
const formats2 = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const formats4 = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const pattern4 = new RegExp("^[A-Za-z0-9._~+/-]+=*$", "u");
const schema36 = {"type":"object","additionalProperties":false,"required":["id","kind","name","createdAt","createdBy"],"properties":{"id":{"$ref":"#/$defs/uuid"},"kind":{"type":"string","enum":["workflow","agent"]},"name":{"type":"string","minLength":1},"createdAt":{"$ref":"#/$defs/instant"},"createdBy":{"description":"Id of a user of the same workspace.","type":"string","minLength":1},"fromTemplate":{"description":"The flow was copied from a template (Multiplai's `copies`).","type":"boolean","default":false},"shares":{"type":"array","default":[],"items":{"$ref":"#/$defs/share"}}}};
const schema39 = {"type":"object","additionalProperties":false,"required":["at","by"],"properties":{"at":{"$ref":"#/$defs/instant"},"by":{"description":"Id of the user who shared the flow.","type":"string","minLength":1}}};

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.at === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "at"},message:"must have required property '"+"at"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.by === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "by"},message:"must have required property '"+"by"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "at") || (key0 === "by"))){
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
if(data.at !== undefined){
let data0 = data.at;
if(typeof data0 === "string"){
if(!(formats0.validate(data0))){
const err3 = {instancePath:instancePath+"/at",schemaPath:"#/$defs/instant/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
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
const err4 = {instancePath:instancePath+"/at",schemaPath:"#/$defs/instant/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.by !== undefined){
let data1 = data.by;
if(typeof data1 === "string"){
if(func1(data1) < 1){
const err5 = {instancePath:instancePath+"/by",schemaPath:"#/properties/by/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/by",schemaPath:"#/properties/by/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.name === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.createdAt === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "createdAt"},message:"must have required property '"+"createdAt"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.createdBy === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "createdBy"},message:"must have required property '"+"createdBy"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "id") || (key0 === "kind")) || (key0 === "name")) || (key0 === "createdAt")) || (key0 === "createdBy")) || (key0 === "fromTemplate")) || (key0 === "shares"))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(!(formats2.test(data0))){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/uuid/format",keyword:"format",params:{format: "uuid"},message:"must match format \""+"uuid"+"\""};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/uuid/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if(typeof data1 !== "string"){
const err8 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data1 === "workflow") || (data1 === "agent"))){
const err9 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema36.properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.name !== undefined){
let data2 = data.name;
if(typeof data2 === "string"){
if(func1(data2) < 1){
const err10 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err11 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.createdAt !== undefined){
let data3 = data.createdAt;
if(typeof data3 === "string"){
if(!(formats0.validate(data3))){
const err12 = {instancePath:instancePath+"/createdAt",schemaPath:"#/$defs/instant/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/createdAt",schemaPath:"#/$defs/instant/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.createdBy !== undefined){
let data4 = data.createdBy;
if(typeof data4 === "string"){
if(func1(data4) < 1){
const err14 = {instancePath:instancePath+"/createdBy",schemaPath:"#/properties/createdBy/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/createdBy",schemaPath:"#/properties/createdBy/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.fromTemplate !== undefined){
if(typeof data.fromTemplate !== "boolean"){
const err16 = {instancePath:instancePath+"/fromTemplate",schemaPath:"#/properties/fromTemplate/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.shares !== undefined){
let data6 = data.shares;
if(Array.isArray(data6)){
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
if(!(validate23(data6[i0], {instancePath:instancePath+"/shares/" + i0,parentData:data6,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
}
else {
const err17 = {instancePath:instancePath+"/shares",schemaPath:"#/properties/shares/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema41 = {"type":"object","additionalProperties":false,"required":["id","flow","status","createdAt"],"properties":{"id":{"$ref":"#/$defs/uuid"},"flow":{"description":"Id of a flow of the same workspace.","$ref":"#/$defs/uuid"},"user":{"description":"Id of the user who started the run; null for a run the system started.","type":["string","null"],"minLength":1,"default":null},"status":{"$ref":"#/$defs/status"},"createdAt":{"$ref":"#/$defs/instant"},"startedAt":{"description":"An ISO 8601 date-time with a UTC offset. Set for running and paused; null for queued and the payment states; either for terminal runs.","type":["string","null"],"format":"date-time","default":null},"finishedAt":{"description":"An ISO 8601 date-time with a UTC offset. Set if and only if the status is terminal.","type":["string","null"],"format":"date-time","default":null},"resumed":{"description":"The run was resumed after a pause (StackAI reports a running resumed run as RESUMED).","type":"boolean","default":false},"appActions":{"description":"Blocks executed (Alloy's app actions).","type":"integer","minimum":0,"default":0},"tokens":{"description":"LLM tokens used (StackAI's total_tokens).","type":"integer","minimum":0,"default":0},"trigger":{"$ref":"#/$defs/trigger","default":"api"},"sourceSystem":{"description":"The system that started the run (B3OS's sourceSystem).","type":"string","minLength":1,"default":"api"},"error":{"description":"The error message of a failed run; null otherwise.","type":["string","null"],"default":null},"detail":{"$ref":"#/$defs/runDetail"}}};
const schema44 = {"description":"Canonical run status. Terminal = succeeded, failed, cancelled (finishedAt set iff terminal).","type":"string","enum":["awaiting_payment","payment_confirmed","queued","running","paused","succeeded","failed","cancelled"]};
const schema46 = {"description":"How the run was initiated (StackAI's run_type vocabulary).","type":"string","enum":["workflow_builder","form","batch","chat_assistant","agent_assistant","trigger","scheduled","sub_workflow","api"]};
const schema47 = {"description":"Vendor detail that is otherwise generated deterministically from the run (StackAI's run summary fields).","type":"object","additionalProperties":false,"properties":{"conversationId":{"type":["string","null"]},"inputs":{"type":["string","null"]},"outputs":{"type":["string","null"]},"llms":{"type":["string","null"]},"feedback":{"type":["string","null"]},"ranByType":{"type":["string","null"],"enum":["user","personal_api_key","org_api_key","system",null]},"ranById":{"type":["string","null"],"format":"uuid"},"ranByDisplayName":{"type":["string","null"]},"parentRunId":{"type":["string","null"],"format":"uuid"},"parentProjectId":{"type":["string","null"]},"parentProjectName":{"type":["string","null"]}}};
const func9 = Object.prototype.hasOwnProperty;

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.flow === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "flow"},message:"must have required property '"+"flow"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.status === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.createdAt === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "createdAt"},message:"must have required property '"+"createdAt"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func9.call(schema41.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(!(formats2.test(data0))){
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/uuid/format",keyword:"format",params:{format: "uuid"},message:"must match format \""+"uuid"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/uuid/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.flow !== undefined){
let data1 = data.flow;
if(typeof data1 === "string"){
if(!(formats2.test(data1))){
const err7 = {instancePath:instancePath+"/flow",schemaPath:"#/$defs/uuid/format",keyword:"format",params:{format: "uuid"},message:"must match format \""+"uuid"+"\""};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/flow",schemaPath:"#/$defs/uuid/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.user !== undefined){
let data2 = data.user;
if((typeof data2 !== "string") && (data2 !== null)){
const err9 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/type",keyword:"type",params:{type: schema41.properties.user.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(typeof data2 === "string"){
if(func1(data2) < 1){
const err10 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
if(data.status !== undefined){
let data3 = data.status;
if(typeof data3 !== "string"){
const err11 = {instancePath:instancePath+"/status",schemaPath:"#/$defs/status/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!((((((((data3 === "awaiting_payment") || (data3 === "payment_confirmed")) || (data3 === "queued")) || (data3 === "running")) || (data3 === "paused")) || (data3 === "succeeded")) || (data3 === "failed")) || (data3 === "cancelled"))){
const err12 = {instancePath:instancePath+"/status",schemaPath:"#/$defs/status/enum",keyword:"enum",params:{allowedValues: schema44.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.createdAt !== undefined){
let data4 = data.createdAt;
if(typeof data4 === "string"){
if(!(formats0.validate(data4))){
const err13 = {instancePath:instancePath+"/createdAt",schemaPath:"#/$defs/instant/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/createdAt",schemaPath:"#/$defs/instant/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.startedAt !== undefined){
let data5 = data.startedAt;
if((typeof data5 !== "string") && (data5 !== null)){
const err15 = {instancePath:instancePath+"/startedAt",schemaPath:"#/properties/startedAt/type",keyword:"type",params:{type: schema41.properties.startedAt.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(typeof data5 === "string"){
if(!(formats0.validate(data5))){
const err16 = {instancePath:instancePath+"/startedAt",schemaPath:"#/properties/startedAt/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
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
if(data.finishedAt !== undefined){
let data6 = data.finishedAt;
if((typeof data6 !== "string") && (data6 !== null)){
const err17 = {instancePath:instancePath+"/finishedAt",schemaPath:"#/properties/finishedAt/type",keyword:"type",params:{type: schema41.properties.finishedAt.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(typeof data6 === "string"){
if(!(formats0.validate(data6))){
const err18 = {instancePath:instancePath+"/finishedAt",schemaPath:"#/properties/finishedAt/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
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
if(data.resumed !== undefined){
if(typeof data.resumed !== "boolean"){
const err19 = {instancePath:instancePath+"/resumed",schemaPath:"#/properties/resumed/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.appActions !== undefined){
let data8 = data.appActions;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err20 = {instancePath:instancePath+"/appActions",schemaPath:"#/properties/appActions/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 0 || isNaN(data8)){
const err21 = {instancePath:instancePath+"/appActions",schemaPath:"#/properties/appActions/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.tokens !== undefined){
let data9 = data.tokens;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err22 = {instancePath:instancePath+"/tokens",schemaPath:"#/properties/tokens/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 0 || isNaN(data9)){
const err23 = {instancePath:instancePath+"/tokens",schemaPath:"#/properties/tokens/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.trigger !== undefined){
let data10 = data.trigger;
if(typeof data10 !== "string"){
const err24 = {instancePath:instancePath+"/trigger",schemaPath:"#/$defs/trigger/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(!(((((((((data10 === "workflow_builder") || (data10 === "form")) || (data10 === "batch")) || (data10 === "chat_assistant")) || (data10 === "agent_assistant")) || (data10 === "trigger")) || (data10 === "scheduled")) || (data10 === "sub_workflow")) || (data10 === "api"))){
const err25 = {instancePath:instancePath+"/trigger",schemaPath:"#/$defs/trigger/enum",keyword:"enum",params:{allowedValues: schema46.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.sourceSystem !== undefined){
let data11 = data.sourceSystem;
if(typeof data11 === "string"){
if(func1(data11) < 1){
const err26 = {instancePath:instancePath+"/sourceSystem",schemaPath:"#/properties/sourceSystem/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/sourceSystem",schemaPath:"#/properties/sourceSystem/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.error !== undefined){
let data12 = data.error;
if((typeof data12 !== "string") && (data12 !== null)){
const err28 = {instancePath:instancePath+"/error",schemaPath:"#/properties/error/type",keyword:"type",params:{type: schema41.properties.error.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.detail !== undefined){
let data13 = data.detail;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(const key1 in data13){
if(!(func9.call(schema47.properties, key1))){
const err29 = {instancePath:instancePath+"/detail",schemaPath:"#/$defs/runDetail/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data13.conversationId !== undefined){
let data14 = data13.conversationId;
if((typeof data14 !== "string") && (data14 !== null)){
const err30 = {instancePath:instancePath+"/detail/conversationId",schemaPath:"#/$defs/runDetail/properties/conversationId/type",keyword:"type",params:{type: schema47.properties.conversationId.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data13.inputs !== undefined){
let data15 = data13.inputs;
if((typeof data15 !== "string") && (data15 !== null)){
const err31 = {instancePath:instancePath+"/detail/inputs",schemaPath:"#/$defs/runDetail/properties/inputs/type",keyword:"type",params:{type: schema47.properties.inputs.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data13.outputs !== undefined){
let data16 = data13.outputs;
if((typeof data16 !== "string") && (data16 !== null)){
const err32 = {instancePath:instancePath+"/detail/outputs",schemaPath:"#/$defs/runDetail/properties/outputs/type",keyword:"type",params:{type: schema47.properties.outputs.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data13.llms !== undefined){
let data17 = data13.llms;
if((typeof data17 !== "string") && (data17 !== null)){
const err33 = {instancePath:instancePath+"/detail/llms",schemaPath:"#/$defs/runDetail/properties/llms/type",keyword:"type",params:{type: schema47.properties.llms.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data13.feedback !== undefined){
let data18 = data13.feedback;
if((typeof data18 !== "string") && (data18 !== null)){
const err34 = {instancePath:instancePath+"/detail/feedback",schemaPath:"#/$defs/runDetail/properties/feedback/type",keyword:"type",params:{type: schema47.properties.feedback.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data13.ranByType !== undefined){
let data19 = data13.ranByType;
if((typeof data19 !== "string") && (data19 !== null)){
const err35 = {instancePath:instancePath+"/detail/ranByType",schemaPath:"#/$defs/runDetail/properties/ranByType/type",keyword:"type",params:{type: schema47.properties.ranByType.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(!(((((data19 === "user") || (data19 === "personal_api_key")) || (data19 === "org_api_key")) || (data19 === "system")) || (data19 === null))){
const err36 = {instancePath:instancePath+"/detail/ranByType",schemaPath:"#/$defs/runDetail/properties/ranByType/enum",keyword:"enum",params:{allowedValues: schema47.properties.ranByType.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data13.ranById !== undefined){
let data20 = data13.ranById;
if((typeof data20 !== "string") && (data20 !== null)){
const err37 = {instancePath:instancePath+"/detail/ranById",schemaPath:"#/$defs/runDetail/properties/ranById/type",keyword:"type",params:{type: schema47.properties.ranById.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(typeof data20 === "string"){
if(!(formats2.test(data20))){
const err38 = {instancePath:instancePath+"/detail/ranById",schemaPath:"#/$defs/runDetail/properties/ranById/format",keyword:"format",params:{format: "uuid"},message:"must match format \""+"uuid"+"\""};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
if(data13.ranByDisplayName !== undefined){
let data21 = data13.ranByDisplayName;
if((typeof data21 !== "string") && (data21 !== null)){
const err39 = {instancePath:instancePath+"/detail/ranByDisplayName",schemaPath:"#/$defs/runDetail/properties/ranByDisplayName/type",keyword:"type",params:{type: schema47.properties.ranByDisplayName.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data13.parentRunId !== undefined){
let data22 = data13.parentRunId;
if((typeof data22 !== "string") && (data22 !== null)){
const err40 = {instancePath:instancePath+"/detail/parentRunId",schemaPath:"#/$defs/runDetail/properties/parentRunId/type",keyword:"type",params:{type: schema47.properties.parentRunId.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(typeof data22 === "string"){
if(!(formats2.test(data22))){
const err41 = {instancePath:instancePath+"/detail/parentRunId",schemaPath:"#/$defs/runDetail/properties/parentRunId/format",keyword:"format",params:{format: "uuid"},message:"must match format \""+"uuid"+"\""};
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
if(data13.parentProjectId !== undefined){
let data23 = data13.parentProjectId;
if((typeof data23 !== "string") && (data23 !== null)){
const err42 = {instancePath:instancePath+"/detail/parentProjectId",schemaPath:"#/$defs/runDetail/properties/parentProjectId/type",keyword:"type",params:{type: schema47.properties.parentProjectId.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data13.parentProjectName !== undefined){
let data24 = data13.parentProjectName;
if((typeof data24 !== "string") && (data24 !== null)){
const err43 = {instancePath:instancePath+"/detail/parentProjectName",schemaPath:"#/$defs/runDetail/properties/parentProjectName/type",keyword:"type",params:{type: schema47.properties.parentProjectName.type},message:"must be string,null"};
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
const err44 = {instancePath:instancePath+"/detail",schemaPath:"#/$defs/runDetail/type",keyword:"type",params:{type: "object"},message:"must be object"};
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
const err45 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema48 = {"description":"Deterministic volume added to the workspace's explicit records, seeded by the scenario seed and the workspace id. Runs spread over `days` days ending at `end` (default: the clock's now at load), with a daily and weekly rhythm, heavy-tailed durations and failure bursts.","type":"object","additionalProperties":false,"properties":{"users":{"description":"Number of users to add.","type":"integer","minimum":0,"maximum":100000,"default":0},"usersWithoutRuns":{"description":"How many of the generated users never start a run.","type":"integer","minimum":0,"default":0},"workflows":{"description":"Number of flows of kind `workflow` to add.","type":"integer","minimum":0,"maximum":100000,"default":0},"agents":{"description":"Number of flows of kind `agent` to add.","type":"integer","minimum":0,"maximum":100000,"default":0},"runs":{"description":"Number of runs to add, spread over the flows of the workspace (explicit and generated).","type":"integer","minimum":0,"maximum":5000000,"default":0},"days":{"description":"The span, in days, that generated records cover.","type":"integer","minimum":1,"maximum":3650,"default":90},"end":{"description":"Last instant of the span (default the clock's now at load time).","$ref":"#/$defs/instant"},"statusMix":{"description":"Relative weights of final statuses for runs that have finished by `end` (normalised). Runs still in progress at `end` come from `inProgressShare`.","type":"object","additionalProperties":false,"properties":{"succeeded":{"type":"number","minimum":0},"failed":{"type":"number","minimum":0},"cancelled":{"type":"number","minimum":0}}},"inProgressShare":{"description":"Share of the most recent runs (last hours of the span) still queued, running, paused or awaiting payment.","type":"number","minimum":0,"maximum":1,"default":0.01},"medianDurationSeconds":{"description":"Median run duration; durations are log-normal around it (heavy tail).","type":"number","exclusiveMinimum":0,"default":45},"failureBursts":{"description":"Number of incident windows (a few hours each) in which most runs fail.","type":"integer","minimum":0,"maximum":1000,"default":2},"sourceSystems":{"description":"Source systems to draw from (B3OS's sourceSystem); default a realistic set.","type":"array","minItems":1,"items":{"type":"string","minLength":1}}}};

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate28.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func9.call(schema48.properties, key0))){
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
if(data.users !== undefined){
let data0 = data.users;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/users",schemaPath:"#/properties/users/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 > 100000 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/users",schemaPath:"#/properties/users/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data0 < 0 || isNaN(data0)){
const err3 = {instancePath:instancePath+"/users",schemaPath:"#/properties/users/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.usersWithoutRuns !== undefined){
let data1 = data.usersWithoutRuns;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err4 = {instancePath:instancePath+"/usersWithoutRuns",schemaPath:"#/properties/usersWithoutRuns/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/usersWithoutRuns",schemaPath:"#/properties/usersWithoutRuns/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.workflows !== undefined){
let data2 = data.workflows;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err6 = {instancePath:instancePath+"/workflows",schemaPath:"#/properties/workflows/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 100000 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/workflows",schemaPath:"#/properties/workflows/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data2 < 0 || isNaN(data2)){
const err8 = {instancePath:instancePath+"/workflows",schemaPath:"#/properties/workflows/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.agents !== undefined){
let data3 = data.agents;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err9 = {instancePath:instancePath+"/agents",schemaPath:"#/properties/agents/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 100000 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/agents",schemaPath:"#/properties/agents/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data3 < 0 || isNaN(data3)){
const err11 = {instancePath:instancePath+"/agents",schemaPath:"#/properties/agents/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.runs !== undefined){
let data4 = data.runs;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err12 = {instancePath:instancePath+"/runs",schemaPath:"#/properties/runs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 5000000 || isNaN(data4)){
const err13 = {instancePath:instancePath+"/runs",schemaPath:"#/properties/runs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 5000000},message:"must be <= 5000000"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data4 < 0 || isNaN(data4)){
const err14 = {instancePath:instancePath+"/runs",schemaPath:"#/properties/runs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.days !== undefined){
let data5 = data.days;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err15 = {instancePath:instancePath+"/days",schemaPath:"#/properties/days/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 3650 || isNaN(data5)){
const err16 = {instancePath:instancePath+"/days",schemaPath:"#/properties/days/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3650},message:"must be <= 3650"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err17 = {instancePath:instancePath+"/days",schemaPath:"#/properties/days/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data.end !== undefined){
let data6 = data.end;
if(typeof data6 === "string"){
if(!(formats0.validate(data6))){
const err18 = {instancePath:instancePath+"/end",schemaPath:"#/$defs/instant/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
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
const err19 = {instancePath:instancePath+"/end",schemaPath:"#/$defs/instant/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.statusMix !== undefined){
let data7 = data.statusMix;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key1 in data7){
if(!(((key1 === "succeeded") || (key1 === "failed")) || (key1 === "cancelled"))){
const err20 = {instancePath:instancePath+"/statusMix",schemaPath:"#/properties/statusMix/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data7.succeeded !== undefined){
let data8 = data7.succeeded;
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 0 || isNaN(data8)){
const err21 = {instancePath:instancePath+"/statusMix/succeeded",schemaPath:"#/properties/statusMix/properties/succeeded/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/statusMix/succeeded",schemaPath:"#/properties/statusMix/properties/succeeded/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data7.failed !== undefined){
let data9 = data7.failed;
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 0 || isNaN(data9)){
const err23 = {instancePath:instancePath+"/statusMix/failed",schemaPath:"#/properties/statusMix/properties/failed/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/statusMix/failed",schemaPath:"#/properties/statusMix/properties/failed/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data7.cancelled !== undefined){
let data10 = data7.cancelled;
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 0 || isNaN(data10)){
const err25 = {instancePath:instancePath+"/statusMix/cancelled",schemaPath:"#/properties/statusMix/properties/cancelled/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/statusMix/cancelled",schemaPath:"#/properties/statusMix/properties/cancelled/type",keyword:"type",params:{type: "number"},message:"must be number"};
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
const err27 = {instancePath:instancePath+"/statusMix",schemaPath:"#/properties/statusMix/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.inProgressShare !== undefined){
let data11 = data.inProgressShare;
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 1 || isNaN(data11)){
const err28 = {instancePath:instancePath+"/inProgressShare",schemaPath:"#/properties/inProgressShare/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data11 < 0 || isNaN(data11)){
const err29 = {instancePath:instancePath+"/inProgressShare",schemaPath:"#/properties/inProgressShare/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/inProgressShare",schemaPath:"#/properties/inProgressShare/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.medianDurationSeconds !== undefined){
let data12 = data.medianDurationSeconds;
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 <= 0 || isNaN(data12)){
const err31 = {instancePath:instancePath+"/medianDurationSeconds",schemaPath:"#/properties/medianDurationSeconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/medianDurationSeconds",schemaPath:"#/properties/medianDurationSeconds/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.failureBursts !== undefined){
let data13 = data.failureBursts;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err33 = {instancePath:instancePath+"/failureBursts",schemaPath:"#/properties/failureBursts/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 > 1000 || isNaN(data13)){
const err34 = {instancePath:instancePath+"/failureBursts",schemaPath:"#/properties/failureBursts/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(data13 < 0 || isNaN(data13)){
const err35 = {instancePath:instancePath+"/failureBursts",schemaPath:"#/properties/failureBursts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.sourceSystems !== undefined){
let data14 = data.sourceSystems;
if(Array.isArray(data14)){
if(data14.length < 1){
const err36 = {instancePath:instancePath+"/sourceSystems",schemaPath:"#/properties/sourceSystems/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
const len0 = data14.length;
for(let i0=0; i0<len0; i0++){
let data15 = data14[i0];
if(typeof data15 === "string"){
if(func1(data15) < 1){
const err37 = {instancePath:instancePath+"/sourceSystems/" + i0,schemaPath:"#/properties/sourceSystems/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err38 = {instancePath:instancePath+"/sourceSystems/" + i0,schemaPath:"#/properties/sourceSystems/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath:instancePath+"/sourceSystems",schemaPath:"#/properties/sourceSystems/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
const err40 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}
validate28.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.name === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.tokens === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "tokens"},message:"must have required property '"+"tokens"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "id") || (key0 === "name")) || (key0 === "tokens")) || (key0 === "users")) || (key0 === "flows")) || (key0 === "runs")) || (key0 === "generate"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(!(formats2.test(data0))){
const err4 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/uuid/format",keyword:"format",params:{format: "uuid"},message:"must match format \""+"uuid"+"\""};
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
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/uuid/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.name !== undefined){
let data1 = data.name;
if(typeof data1 === "string"){
if(func1(data1) < 1){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.tokens !== undefined){
let data2 = data.tokens;
if(Array.isArray(data2)){
if(data2.length < 1){
const err8 = {instancePath:instancePath+"/tokens",schemaPath:"#/properties/tokens/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func1(data3) < 8){
const err9 = {instancePath:instancePath+"/tokens/" + i0,schemaPath:"#/properties/tokens/items/minLength",keyword:"minLength",params:{limit: 8},message:"must NOT have fewer than 8 characters"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!pattern4.test(data3)){
const err10 = {instancePath:instancePath+"/tokens/" + i0,schemaPath:"#/properties/tokens/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._~+/-]+=*$"},message:"must match pattern \""+"^[A-Za-z0-9._~+/-]+=*$"+"\""};
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
const err11 = {instancePath:instancePath+"/tokens/" + i0,schemaPath:"#/properties/tokens/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err12 = {instancePath:instancePath+"/tokens",schemaPath:"#/properties/tokens/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.users !== undefined){
let data4 = data.users;
if(Array.isArray(data4)){
const len1 = data4.length;
for(let i1=0; i1<len1; i1++){
let data5 = data4[i1];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.id === undefined){
const err13 = {instancePath:instancePath+"/users/" + i1,schemaPath:"#/$defs/user/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data5.name === undefined){
const err14 = {instancePath:instancePath+"/users/" + i1,schemaPath:"#/$defs/user/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data5.email === undefined){
const err15 = {instancePath:instancePath+"/users/" + i1,schemaPath:"#/$defs/user/required",keyword:"required",params:{missingProperty: "email"},message:"must have required property '"+"email"+"'"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key1 in data5){
if(!(((key1 === "id") || (key1 === "name")) || (key1 === "email"))){
const err16 = {instancePath:instancePath+"/users/" + i1,schemaPath:"#/$defs/user/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data5.id !== undefined){
let data6 = data5.id;
if(typeof data6 === "string"){
if(func1(data6) < 1){
const err17 = {instancePath:instancePath+"/users/" + i1+"/id",schemaPath:"#/$defs/user/properties/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/users/" + i1+"/id",schemaPath:"#/$defs/user/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data5.name !== undefined){
let data7 = data5.name;
if(typeof data7 === "string"){
if(func1(data7) < 1){
const err19 = {instancePath:instancePath+"/users/" + i1+"/name",schemaPath:"#/$defs/user/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/users/" + i1+"/name",schemaPath:"#/$defs/user/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data5.email !== undefined){
let data8 = data5.email;
if(typeof data8 === "string"){
if(!(formats4.test(data8))){
const err21 = {instancePath:instancePath+"/users/" + i1+"/email",schemaPath:"#/$defs/user/properties/email/format",keyword:"format",params:{format: "email"},message:"must match format \""+"email"+"\""};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/users/" + i1+"/email",schemaPath:"#/$defs/user/properties/email/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/users/" + i1,schemaPath:"#/$defs/user/type",keyword:"type",params:{type: "object"},message:"must be object"};
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
const err24 = {instancePath:instancePath+"/users",schemaPath:"#/properties/users/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.flows !== undefined){
let data9 = data.flows;
if(Array.isArray(data9)){
const len2 = data9.length;
for(let i2=0; i2<len2; i2++){
if(!(validate22(data9[i2], {instancePath:instancePath+"/flows/" + i2,parentData:data9,parentDataProperty:i2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
}
else {
const err25 = {instancePath:instancePath+"/flows",schemaPath:"#/properties/flows/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.runs !== undefined){
let data11 = data.runs;
if(Array.isArray(data11)){
const len3 = data11.length;
for(let i3=0; i3<len3; i3++){
if(!(validate26(data11[i3], {instancePath:instancePath+"/runs/" + i3,parentData:data11,parentDataProperty:i3,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err26 = {instancePath:instancePath+"/runs",schemaPath:"#/properties/runs/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.generate !== undefined){
if(!(validate28(data.generate, {instancePath:instancePath+"/generate",parentData:data,parentDataProperty:"generate",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
}
else {
const err27 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.version === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.name === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.seed === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "seed"},message:"must have required property '"+"seed"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.workspaces === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "workspaces"},message:"must have required property '"+"workspaces"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "version") || (key0 === "name")) || (key0 === "description")) || (key0 === "seed")) || (key0 === "now")) || (key0 === "workspaces"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.version !== undefined){
if(1 !== data.version){
const err5 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.name !== undefined){
let data1 = data.name;
if(typeof data1 === "string"){
if(func1(data1) < 1){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.description !== undefined){
if(typeof data.description !== "string"){
const err8 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.seed !== undefined){
let data3 = data.seed;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err9 = {instancePath:instancePath+"/seed",schemaPath:"#/properties/seed/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.now !== undefined){
let data4 = data.now;
if(typeof data4 === "string"){
if(!(formats0.validate(data4))){
const err10 = {instancePath:instancePath+"/now",schemaPath:"#/$defs/instant/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\""};
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
const err11 = {instancePath:instancePath+"/now",schemaPath:"#/$defs/instant/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.workspaces !== undefined){
let data5 = data.workspaces;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
if(!(validate21(data5[i0], {instancePath:instancePath+"/workspaces/" + i0,parentData:data5,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err12 = {instancePath:instancePath+"/workspaces",schemaPath:"#/properties/workspaces/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
const err13 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

module.exports.schemaSha256 = "f663f23894fbb156670c2be43fd93583ec87bbc51e5c9554290159d4e9edd416";
