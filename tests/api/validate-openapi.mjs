// Validate an OpenAPI document against the OpenAPI 3.1 schema and resolve
// every $ref in it: exit 0 when both hold, 1 with the problems otherwise.
//
//   node tests/api/validate-openapi.mjs FILE
import { Validator } from "@seriousme/openapi-schema-validator";

const file = process.argv[2];
if (!file) {
	console.error("usage: validate-openapi.mjs FILE");
	process.exit(2);
}
const validator = new Validator();
const res = await validator.validate(file);
if (!res.valid) {
	console.error(`${file}: not a valid OpenAPI document:`);
	console.error(JSON.stringify(res.errors, null, 1).slice(0, 4000));
	process.exit(1);
}
if (validator.version !== "3.1") {
	console.error(`${file}: OpenAPI ${validator.version}, expected 3.1`);
	process.exit(1);
}
try {
	validator.resolveRefs();
} catch (e) {
	console.error(`${file}: a $ref does not resolve: ${e.message}`);
	process.exit(1);
}
const spec = validator.specification;
let operations = 0;
for (const item of Object.values(spec.paths ?? {}))
	for (const m of ["get", "put", "post", "delete", "patch"])
		if (item[m]) operations++;
console.log(`${file}: valid OpenAPI ${validator.version}, ${operations} operations`);
