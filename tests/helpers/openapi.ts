// Checks an answer of the JSON API against its own OpenAPI 3.1 document: the status and media type must be ones the
// document declares for the operation, the declared headers present, and the body valid against the declared JSON
// Schema (2020-12, through ajv's 2020 dialect with the standard formats).
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Doc = {
  paths: Record<string, { get: { responses: Record<string, ResponseSpec> } }>;
};
type ResponseSpec = {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: object }>;
};

// A checker bound to one document
export function openApiChecker(document: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its function is the module itself or its default, depending on the loader.
  const withFormats = (addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats;
  withFormats(ajv);
  ajv.addSchema(document as object, "api");
  const doc = document as Doc;

  // The body of an answer, after checking it against the operation at the given path template
  return async function check(pathTemplate: string, response: Response): Promise<unknown> {
    const operation = doc.paths[pathTemplate]?.get;
    if (!operation) throw new Error(`${pathTemplate} is not in the document`);
    const spec = operation.responses[String(response.status)];
    if (!spec) throw new Error(`${pathTemplate}: status ${response.status} is not declared`);
    for (const name of Object.keys(spec.headers ?? {})) {
      if (name !== "Retry-After" || response.status === 429) {
        if (!response.headers.has(name)) throw new Error(`${pathTemplate}: header ${name} is missing`);
      }
    }
    const text = await response.text();
    if (!spec.content) {
      if (text !== "") throw new Error(`${pathTemplate}: status ${response.status} must have no body`);
      return null;
    }
    const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
    const media = spec.content[mediaType];
    if (!media) throw new Error(`${pathTemplate}: media type ${mediaType} is not declared for ${response.status}`);
    const body = JSON.parse(text) as unknown;
    const ref = (media.schema as { $ref?: string }).$ref;
    if (!ref) throw new Error(`${pathTemplate}: the schema is not a reference`);
    const validate = ajv.getSchema(`api${ref}`);
    if (!validate) throw new Error(`${ref} not found`);
    if (!validate(body)) {
      throw new Error(`${pathTemplate} ${response.status}: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 500)}`);
    }
    return body;
  };
}
