import { expect } from "chai";
import { compileTemplate, parseBlocks, TemplateError } from "../../server/pdf/template";

const data = { title: "Antrag", reference: "R-1", sections: [{ heading: "A", rows: [{ title: "Name", value: 'Kim "}]{ <&>' }] }] };

describe("PDF templates", () => {
  it("turn data into blocks through the block helpers", () => {
    const render = compileTemplate('{{heading title level=1}}\n{{#each sections}}{{spacer height=4}}{{heading heading}}{{#each rows}}{{row title value}}{{/each}}{{/each}}\n{{paragraph "Ende"}}');
    expect(render(data)).to.deep.equal([
      { type: "heading", text: "Antrag", level: 1 },
      { type: "spacer", height: 4 },
      { type: "heading", text: "A", level: 2 },
      { type: "row", label: "Name", value: 'Kim "}]{ <&>' },
      { type: "paragraph", text: "Ende" },
    ]);
  });

  const refused: [string, string, RegExp][] = [
    ["an HTML-escaped value", "{{title}}", /line 1: write only \{\{heading/],
    ["an unescaped value", "{{{title}}}", /line 1: write only/],
    ["text outside a block", '{{row "a" title}}\nloose words', /line 1: text outside a block/],
    ["a partial", "{{> header}}", /PartialStatement is not supported/],
    ["an unknown block helper", "{{#row title}}{{/row}}", /\{\{#row\}\} is not one of/],
    ["a template that does not parse", "{{row title", /does not parse/],
  ];
  for (const [what, source, message] of refused) {
    it(`refuse ${what} when loaded`, () => expect(() => compileTemplate(source)).to.throw(TemplateError, message));
  }

  const failing: [string, string, RegExp][] = [
    ["a misspelt name", "{{row titel reference}}", /output line 1: "label" must be a text/],
    ["a missing argument", "{{row title}}", /\{\{row\}\} takes label and value/],
    ["an unknown option", "{{spacer hight=3}}", /"hight" is not a field of a spacer/],
    ["a value that is not a text", "{{row title sections}}", /"value" must be a text/],
    ["a level that does not exist", "{{heading title level=3}}", /"level" must be 1 or 2/],
  ];
  for (const [what, source, message] of failing) {
    it(`fail on ${what}`, () => expect(() => compileTemplate(source)(data)).to.throw(TemplateError, message));
  }

  it("read only JSON objects of the known types from the output", () => {
    expect(() => parseBlocks('{"type":"row","label":"a","value":"b"}\n\n[1]')).to.throw(TemplateError, /output line 3: not a JSON object/);
    expect(() => parseBlocks('{"type":"image"}')).to.throw(TemplateError, /"type" must be/);
  });
});
