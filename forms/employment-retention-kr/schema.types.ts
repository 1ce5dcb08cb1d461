/* Generated from schema.json by `npm run types`. Do not edit: change schema.json instead. */

export interface EmploymentRetentionKr {
  business: {
    name: string;
    registrationNumber: string;
    insuranceManagementNumber: string;
    representative: string;
    sizeClass: "priority" | "large";
    industry: string;
    address: string;
    phone: string;
    contactPerson?: string;
    contactPersonPhone?: string;
  };
  adjustment: {
    reason: "salesDecline" | "inventoryIncrease" | "industryInCrisis" | "disasterArea" | "other";
    salesCurrent?: number;
    referenceKind?: "sameMonthLastYear" | "averageOfPreviousMonths";
    salesReference?: number;
    explanation?: string;
  };
  measure: {
    type: "reducedHours" | "leave";
    start: string;
    end: string;
    normalTotalHours?: number;
    reducedTotalHours?: number;
    leaveDays?: number;
    planSubmittedBeforeStart: boolean;
  };
  /**
   * @minItems 1
   * @maxItems 1000
   */
  employees: [
    {
      name: string;
      birthDate: string;
      insuranceStartDate: string;
      averageDailyWage: number;
      allowancePerDay: number;
      days: number;
      daysUsedThisYear?: number;
    },
    ...{
      name: string;
      birthDate: string;
      insuranceStartDate: string;
      averageDailyWage: number;
      allowancePerDay: number;
      days: number;
      daysUsedThisYear?: number;
    }[]
  ];
  bank: {
    bankName: string;
    accountNumber: string;
    accountHolder?: string;
  };
  noDismissals: boolean;
}
