/**
 * The form model: the schema read as a tree of sections, repeatable groups and questions, with the
 * branching logic of each object kept next to it. Built once per form; everything here refers back
 * to the schema by path, so validation always runs against the schema itself.
 */
import { formatPointer } from "./pointer";
import { resolveKind, widgetOf, type KindSource } from "./kinds/index";
import type { KindName, ValueType, Widget } from "./kinds/kind";

export type { ValueType, Widget };

export type SchemaObject = Record<string, unknown>;

interface NodeBase {
  name: string;
  /** JSON pointer of the answer with `*` for item positions: the key for texts. */
  template: string;
  /** JSON pointer into schema.json of the property's declaration. */
  schemaPath: string;
  schema: SchemaObject;
}

export interface Branch {
  schemaPath: string;
  required: string[];
  fragments: Fragment[];
}

export type Fragment =
  | { kind: "if"; schemaPath: string; names: string[]; then?: Branch; else?: Branch }
  | { kind: "dependentRequired"; schemaPath: string; trigger: string; names: string[] }
  | { kind: "dependentSchemas"; schemaPath: string; trigger: string; branch: Branch };

export interface SectionNode extends NodeBase {
  kind: "section";
  children: FormNode[];
  /** Required whatever the answers. */
  required: string[];
  /** Properties that only a branch brings in. */
  gated: Set<string>;
  fragments: Fragment[];
}

export interface GroupNode extends NodeBase {
  kind: "group";
  item: SectionNode;
  minItems: number;
  maxItems: number;
  itemLabel?: string;
}

export interface Choice {
  value: string | number | boolean;
}

export interface QuestionNode extends NodeBase {
  kind: "question";
  /** Which kind of question this is (kinds/index.ts), decided once here. */
  answerKind: KindName;
  valueType: ValueType;
  widget: Widget;
  choices?: Choice[];
  unit?: string;
  format?: string;
  pattern?: string;
}

export type FormNode = SectionNode | GroupNode | QuestionNode;

export interface ModelProblem {
  code: string;
  schemaPath: string;
  message: string;
  fix: string;
}

const asObject = (value: unknown): SchemaObject | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as SchemaObject) : undefined;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** Follows a local `$ref` (`#/$defs/…`); sibling keywords win over the referenced ones. */
export function resolveRef(root: SchemaObject, schema: SchemaObject): SchemaObject {
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return schema;
  let target: unknown = root;
  for (const seg of ref.slice(2).split("/")) target = asObject(target)?.[seg.replace(/~1/g, "/").replace(/~0/g, "~")];
  const resolved = asObject(target);
  if (!resolved) return schema;
  const { $ref: _ref, ...siblings } = schema;
  return { ...resolveRef(root, resolved), ...siblings };
}

function collectBranch(schema: SchemaObject, schemaPath: string): Branch {
  const { required, fragments } = collectLogic(schema, schemaPath);
  return { schemaPath, required, fragments };
}

/** The requirements and conditionals of one object schema, `allOf` parts included. */
function collectLogic(schema: SchemaObject, schemaPath: string): { required: string[]; fragments: Fragment[] } {
  const required = strings(schema.required);
  const fragments: Fragment[] = [];
  const ifSchema = asObject(schema.if);
  if (ifSchema) {
    const thenSchema = asObject(schema.then);
    const elseSchema = asObject(schema.else);
    fragments.push({
      kind: "if",
      schemaPath: `${schemaPath}/if`,
      names: [...new Set([...Object.keys(asObject(ifSchema.properties) ?? {}), ...strings(ifSchema.required)])],
      then: thenSchema && collectBranch(thenSchema, `${schemaPath}/then`),
      else: elseSchema && collectBranch(elseSchema, `${schemaPath}/else`),
    });
  }
  for (const [trigger, names] of Object.entries(asObject(schema.dependentRequired) ?? {})) {
    fragments.push({ kind: "dependentRequired", schemaPath: `${schemaPath}/dependentRequired/${trigger}`, trigger, names: strings(names) });
  }
  for (const [trigger, sub] of Object.entries(asObject(schema.dependentSchemas) ?? {})) {
    const path = `${schemaPath}/dependentSchemas/${trigger}`;
    fragments.push({ kind: "dependentSchemas", schemaPath: path, trigger, branch: collectBranch(asObject(sub) ?? {}, path) });
  }
  (Array.isArray(schema.allOf) ? schema.allOf : []).forEach((part, i) => {
    const sub = collectLogic(asObject(part) ?? {}, `${schemaPath}/allOf/${i}`);
    required.push(...sub.required);
    fragments.push(...sub.fragments);
  });
  return { required, fragments };
}

/** Every property name a fragment can bring in, however deep. */
export function namesBroughtIn(fragment: Fragment): string[] {
  const ofBranch = (b: Branch | undefined): string[] => (b ? [...b.required, ...b.fragments.flatMap(namesBroughtIn)] : []);
  switch (fragment.kind) {
    case "if":
      return [...ofBranch(fragment.then), ...ofBranch(fragment.else)];
    case "dependentRequired":
      return fragment.names;
    case "dependentSchemas":
      return ofBranch(fragment.branch);
  }
}

function choicesOf(schema: SchemaObject): Choice[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => ({ value: value as Choice["value"] }));
  if (Array.isArray(schema.oneOf) && schema.oneOf.every((s) => asObject(s) && "const" in (s as SchemaObject))) {
    return schema.oneOf.map((s) => ({ value: (s as SchemaObject).const as Choice["value"] }));
  }
  return undefined;
}

function valueTypeOf(schema: SchemaObject, choices: Choice[] | undefined): ValueType | undefined {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (typeof type === "string" && ["string", "number", "integer", "boolean", "array"].includes(type)) return type as ValueType;
  const first = choices?.[0]?.value;
  if (first === undefined) return undefined;
  return typeof first === "number" ? (Number.isInteger(first) ? "integer" : "number") : (typeof first as ValueType);
}

interface BuildContext {
  root: SchemaObject;
  problems: ModelProblem[];
}

function buildSection(ctx: BuildContext, raw: SchemaObject, name: string, template: string, schemaPath: string): SectionNode {
  const schema = resolveRef(ctx.root, raw);
  const properties = asObject(schema.properties) ?? {};
  const children: FormNode[] = [];
  for (const [childName, childRaw] of Object.entries(properties)) {
    const child = buildNode(ctx, asObject(childRaw) ?? {}, childName, `${template}${formatPointer([childName])}`, `${schemaPath}/properties${formatPointer([childName])}`);
    if (child) children.push(child);
  }
  const { required, fragments } = collectLogic(schema, schemaPath);
  const unconditional = new Set(required);
  const gated = new Set(fragments.flatMap(namesBroughtIn).filter((n) => !unconditional.has(n)));
  const declared = new Set(Object.keys(properties));
  const check = (names: string[], where: string, what: string) => {
    for (const n of names.filter((n) => !declared.has(n))) {
      ctx.problems.push({
        code: "unknown_property_in_condition",
        schemaPath: where,
        message: `${what} names "${n}", which is not a property of this object`,
        fix: `Declare "${n}" under ${schemaPath || "the root"}/properties, or correct the name.`,
      });
    }
  };
  check(required, schemaPath, "required");
  const checkBranch = (branch: Branch | undefined) => {
    if (!branch) return;
    check(branch.required, branch.schemaPath, "A branch");
    walk(branch.fragments);
  };
  const walk = (fs: Fragment[]): void =>
    fs.forEach((f) => {
      if (f.kind === "if") {
        check(f.names, f.schemaPath, "The condition (if)");
        checkBranch(f.then);
        checkBranch(f.else);
        return;
      }
      check([f.trigger], f.schemaPath, f.kind);
      if (f.kind === "dependentRequired") check(f.names, f.schemaPath, f.kind);
      else checkBranch(f.branch);
    });
  walk(fragments);
  return { kind: "section", name, template, schemaPath, schema, children, required: [...unconditional], gated, fragments };
}

function buildNode(ctx: BuildContext, raw: SchemaObject, name: string, template: string, schemaPath: string): FormNode | undefined {
  const schema = resolveRef(ctx.root, raw);
  if (schema.type === "object" || (schema.type === undefined && asObject(schema.properties))) {
    return buildSection(ctx, schema, name, template, schemaPath);
  }
  const items = asObject(schema.items) && resolveRef(ctx.root, asObject(schema.items)!);
  if (schema.type === "array" && items && (items.type === "object" || asObject(items.properties))) {
    const label = schema["x-item-label"];
    return {
      kind: "group",
      name,
      template,
      schemaPath,
      schema,
      item: buildSection(ctx, items, "*", `${template}/*`, `${schemaPath}/items`),
      minItems: typeof schema.minItems === "number" ? schema.minItems : 0,
      maxItems: typeof schema.maxItems === "number" ? schema.maxItems : Number.POSITIVE_INFINITY,
      itemLabel: typeof label === "string" ? label : undefined,
    };
  }
  const choiceSource = schema.type === "array" && items ? items : schema;
  const choices = choicesOf(choiceSource);
  const valueType = valueTypeOf(schema, choices);
  if (!valueType || (valueType === "array" && !choices)) {
    ctx.problems.push({
      code: "unsupported_question",
      schemaPath,
      message: `"${name}" has no type that can be asked as a question`,
      fix: 'Give it a "type" (string, number, integer, boolean), an "enum", or make it an object (a section) or an array of objects (a group).',
    });
    return undefined;
  }
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const source: KindSource = {
    valueType,
    widget: text(schema["x-widget"]),
    choiceCount: choices?.length ?? 0,
    format: text(schema.format),
    unit: text(schema["x-unit"]),
    pattern: text(schema.pattern),
  };
  const answerKind = resolveKind(source);
  return { kind: "question", name, template, schemaPath, schema, answerKind, valueType, widget: widgetOf(source, answerKind), choices, unit: source.unit, format: source.format, pattern: source.pattern };
}

export function buildModel(schema: SchemaObject): { root: SectionNode; problems: ModelProblem[] } {
  const ctx: BuildContext = { root: schema, problems: [] };
  if (schema.type !== "object" || !asObject(schema.properties)) {
    ctx.problems.push({
      code: "root_not_object",
      schemaPath: "",
      message: "The root of a form schema must be an object with properties",
      fix: 'Set "type": "object" and list the questions under "properties".',
    });
  }
  return { root: buildSection(ctx, schema, "", "", ""), problems: ctx.problems };
}

/** Every node of the model, depth first, in the order written. */
export function* allNodes(node: FormNode): Generator<FormNode> {
  yield node;
  if (node.kind === "section") for (const child of node.children) yield* allNodes(child);
  if (node.kind === "group") yield* allNodes(node.item);
}
