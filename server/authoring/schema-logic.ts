/**
 * The model and the compiled conditions of a schema on its own. Lint analyses the branching even
 * when the package does not load for another reason (a missing translation), so that the author
 * sees every mistake at once rather than one per run.
 */
import { createAjv, schemaIdOf, type ValidateFunction } from "../engine/ajv";
import { buildModel, type SchemaObject, type SectionNode } from "../engine/model";
import { withoutDataRules } from "../engine/cross-answer";

export interface SchemaLogic {
  root: SectionNode;
  validatorAt(schemaPath: string): ValidateFunction;
}

/** Undefined when Ajv cannot compile the schema: compileForm already reports that. */
export function schemaLogic(formId: string, schema: SchemaObject): SchemaLogic | undefined {
  const ajv = createAjv();
  const id = schemaIdOf(formId);
  try {
    // As the engine decides conditions and answers: without the rules across answers (see Form.validatorAt).
    ajv.addSchema({ ...withoutDataRules(schema), $id: id });
    ajv.getSchema(id);
  } catch {
    return undefined;
  }
  return {
    root: buildModel(schema).root,
    validatorAt(schemaPath) {
      const validate = ajv.getSchema(`${id}#${schemaPath}`);
      if (!validate) throw new Error(`no sub-schema at ${schemaPath}`);
      return validate;
    },
  };
}
