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

  const table = { columns: ["#", "Name", "Pay"], rows: [["1", 'Kim "}]{', "€1.00"], ["2", "Lee\n{{x}}", ""]] };

  it("turn a list into one table block with a row per {{cells}}, the texts exactly as typed", () => {
    const render = compileTemplate('{{heading "People"}}\n{{table columns}}\n{{#each rows}}\n{{cells this}}\n{{/each}}\n{{paragraph "After"}}');
    expect(render(table)).to.deep.equal([
      { type: "heading", text: "People", level: 2 },
      { type: "table", columns: ["#", "Name", "Pay"], rows: [["1", 'Kim "}]{', "€1.00"], ["2", "Lee\n{{x}}", ""]] },
      { type: "paragraph", text: "After" },
    ]);
  });

  const badTables: [string, string, object, RegExp][] = [
    ["a row with fewer cells than the table has columns", "{{table columns}}{{#each rows}}{{cells this}}{{/each}}", { columns: ["#", "Name"], rows: [["1", "Kim"], ["2"]] }, /output line 3: a row of 1 cells in a table of 2 columns/],
    ["a row with more cells than the table has columns", "{{table columns}}{{#each rows}}{{cells this}}{{/each}}", { columns: ["#"], rows: [["1", "Kim"]] }, /output line 2: a row of 2 cells in a table of 1 columns/],
    ["cells without a table", "{{#each rows}}{{cells this}}{{/each}}", table, /output line 1: \{\{cells\}\} must follow a \{\{table\}\} or another \{\{cells\}\}/],
    ["cells after the table has ended", '{{table columns}}{{paragraph "x"}}{{#each rows}}{{cells this}}{{/each}}', table, /output line 3: \{\{cells\}\} must follow a \{\{table\}\}/],
    ["a table without columns", "{{table rows.none}}", table, /"columns" must be a list of texts/],
    ["a cell that is not a text", "{{table columns}}{{cells rows}}", table, /"cells" must be a list of texts/],
  ];
  for (const [what, source, view, message] of badTables) {
    it(`refuse ${what}`, () => expect(() => compileTemplate(source)(view)).to.throw(TemplateError, message));
  }

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
