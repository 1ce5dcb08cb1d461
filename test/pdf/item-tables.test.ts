import { expect } from "chai";
import { withItemTables } from "../../server/pdf/item-tables";
import type { SummarySection } from "../../server/engine/present";

const employee = (index: number, name: string, extra: [string, string, string][] = []): SummarySection => ({
  heading: `Employees – ${name}`,
  rows: [
    { pointer: `/employees/${index}/name`, title: "Name", value: name },
    ...extra.map(([question, title, value]) => ({ pointer: `/employees/${index}/${question}`, title, value })),
  ],
});

const employer: SummarySection = { heading: "Employer", rows: [{ pointer: "/employer/name", title: "Name of the business", value: "Kim Bakery" }] };

describe("the items of a list in the PDF", () => {
  it("come as one table after the sections before them, numbered, a column per question in the order they first come", () => {
    const sections = [
      employer,
      employee(0, "Ada", [["type", "Type", "Minijob"]]),
      employee(1, "Grace", [["type", "Type", "Regular"], ["pay", "Pay", "€2,500.00"]]),
      employee(2, "Linus", [["pay", "Pay", "€1,000.00"]]),
    ];
    const [first, table, ...rest] = withItemTables(sections);
    expect(first).to.deep.equal(employer);
    expect(rest).to.deep.equal([]);
    expect(table!.heading).to.equal("Employees");
    expect(table!.table).to.deep.equal({
      columns: ["#", "Name", "Type", "Pay"],
      rows: [
        ["1", "Ada", "Minijob", ""],
        ["2", "Grace", "Regular", "€2,500.00"],
        ["3", "Linus", "", "€1,000.00"],
      ],
    });
    // A template that prints only rows still prints every answer.
    expect(table!.rows).to.deep.equal(sections.slice(1).flatMap((s) => s.rows));
  });

  it("start a new table after a section of something else, and leave sections that are no item's as they are", () => {
    const out = withItemTables([employee(0, "Ada"), employer, employee(1, "Grace"), { heading: "Period", rows: [{ pointer: "/period/start", title: "Start", value: "1 June" }] }]);
    expect(out.map((s) => [s.heading, s.table?.rows])).to.deep.equal([
      ["Employees", [["1", "Ada"]]],
      ["Employer", undefined],
      ["Employees", [["2", "Grace"]]],
      ["Period", undefined],
    ]);
  });

  it("keep apart the items of different lists and the items of a list within an item", () => {
    const child = (e: number, c: number, name: string): SummarySection => ({
      heading: `Employees – Ada – Children – ${name}`,
      rows: [{ pointer: `/employees/${e}/children/${c}/name`, title: "Child's name", value: name }],
    });
    const vehicle: SummarySection = { heading: "Vehicles – B-XY 1", rows: [{ pointer: "/vehicles/0/plate", title: "Plate", value: "B-XY 1" }] };
    const out = withItemTables([employee(0, "Ada"), child(0, 0, "Mia"), child(0, 1, "Jon"), vehicle]);
    expect(out.map((s) => [s.heading, s.table])).to.deep.equal([
      ["Employees", { columns: ["#", "Name"], rows: [["1", "Ada"]] }],
      ["Employees – Ada – Children", { columns: ["#", "Child's name"], rows: [["1", "Mia"], ["2", "Jon"]] }],
      ["Vehicles", { columns: ["#", "Plate"], rows: [["1", "B-XY 1"]] }],
    ]);
  });

  it("give an item one row for all its sections, and a heading without any item's name, even one with a dash in it", () => {
    const address = (index: number, name: string, city: string): SummarySection => ({
      heading: `Employees – ${name} – Address`,
      rows: [{ pointer: `/employees/${index}/address/city`, title: "City", value: city }],
    });
    const [table] = withItemTables([employee(0, "Anna – Lena"), address(0, "Anna – Lena", "Köln"), employee(1, "Grace"), address(1, "Grace", "Bonn")]);
    expect(table!.heading).to.equal("Employees");
    expect(table!.table).to.deep.equal({ columns: ["#", "Name", "City"], rows: [["1", "Anna – Lena", "Köln"], ["2", "Grace", "Bonn"]] });
    expect(withItemTables([employee(0, "Ada"), address(0, "Ada", "Köln")])[0]!.heading).to.equal("Employees");
  });

  it("leave a section alone whose rows are not all of one item", () => {
    const mixed: SummarySection = { heading: "Employees – Ada", rows: [...employee(0, "Ada").rows, { pointer: "/employees/1/name", title: "Name", value: "Grace" }] };
    expect(withItemTables([mixed])).to.deep.equal([mixed]);
  });
});
