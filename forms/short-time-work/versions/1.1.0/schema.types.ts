/* Generated from schema.json by `npm run types`. Do not edit: change schema.json instead. */

export interface ShortTimeWork {
  employer: {
    name: string;
    companyNumber: string;
    address: {
      street: string;
      postcode: string;
      city: string;
    };
    employmentAgency: string;
    contactPerson: string;
    phone: string;
    iban: string;
    sector: "manufacturing" | "construction" | "trade" | "hospitality" | "transport" | "services" | "other";
    hasWorksCouncil: boolean;
    worksCouncilStatementAttached?: boolean;
    payrollOffice?: string;
    payrollOfficePhone?: string;
  };
  workforce: {
    totalEmployees: number;
    affectedEmployees: number;
  };
  lossOfWork: {
    cause: "economic" | "unavoidableEvent";
    economicReason?: "lackOfOrders" | "salesDifficulties" | "supplyShortage" | "other";
    eventType?: "weather" | "officialMeasure" | "other";
    eventDate?: string;
    explanation?: string;
  };
  avoidance: {
    overtimeUsed: boolean;
    leaveUsed: boolean;
    otherMeasures?: string;
    otherMeasuresFrom?: string;
  };
  period: {
    claimMonth: string;
    start: string;
    expectedEnd: string;
    normalWeeklyHours: number;
    reducedWeeklyHours: number;
  };
  /**
   * @minItems 1
   * @maxItems 1000
   */
  employees: [
    {
      name: string;
      insuranceNumber: string;
      employmentType: "regular" | "minijob" | "apprentice";
      taxClass?: 1 | 2 | 3 | 4 | 5 | 6;
      hasChild?: boolean;
      grossTarget?: number;
      grossActual?: number;
    },
    ...{
      name: string;
      insuranceNumber: string;
      employmentType: "regular" | "minijob" | "apprentice";
      taxClass?: 1 | 2 | 3 | 4 | 5 | 6;
      hasChild?: boolean;
      grossTarget?: number;
      grossActual?: number;
    }[]
  ];
  employeesListComplete?: boolean;
}
