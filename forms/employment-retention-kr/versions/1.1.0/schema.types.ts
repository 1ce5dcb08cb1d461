/* Generated from schema.json by `npm run types`. Do not edit: change schema.json instead. */

export type Text = string;
export type Phone = string;
export type Krw = number;

export interface EmploymentRetentionKr {
  business: {
    name: Text;
    registrationNumber: string;
    insuranceManagementNumber: string;
    representative: Text;
    sizeClass: "priority" | "large";
    industry: Text;
    address: string;
    phone: Phone;
    contactPerson?: Text;
    contactPersonPhone?: Phone;
  };
  adjustment: {
    reason: "salesDecline" | "inventoryIncrease" | "industryInCrisis" | "disasterArea" | "other";
    salesCurrent?: Krw;
    referenceKind?: "sameMonthLastYear" | "averageOfPreviousMonths";
    salesReference?: Krw;
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
      name: Text;
      birthDate: string;
      insuranceStartDate: string;
      averageDailyWage: number;
      allowancePerDay: Krw;
      days: number;
      daysUsedThisYear?: number;
    },
    ...{
      name: Text;
      birthDate: string;
      insuranceStartDate: string;
      averageDailyWage: number;
      allowancePerDay: Krw;
      days: number;
      daysUsedThisYear?: number;
    }[]
  ];
  bank: {
    bankName: Text;
    accountNumber: string;
    accountHolder?: Text;
  };
  noDismissals: boolean;
}
