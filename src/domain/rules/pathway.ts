/**
 * Pathways by age (PRODUCT.md section 3).
 *
 * The pathway follows age at arrival, never the clinical area: a 16-year-old seen in adult
 * majors is on the child pathway (research §2.3: an audit found 16–17-year-olds in adult
 * majors were not asked the social-care questions).
 */

export type AgeBand = 'unknown' | 'under-2' | '2-4' | '5-10' | '11' | '12' | '13-15' | '16-17' | 'adult';

export interface Pathway {
  /** Age in whole years at arrival, from the date of birth or the estimated age. */
  ageYears: number | undefined;
  band: AgeBand;
  /** Under 18: the child pathway. */
  child: boolean;
  /** 18 and over. */
  adult: boolean;
  /** Under 2: independent mobility asked; bruising when not mobile is suspect-level (NICE CG89 1.1.2). */
  underTwo: boolean;
  /** Under 5: health visitor named in letters. */
  underFive: boolean;
  /** 5–17: school nurse named in letters. */
  schoolAge: boolean;
  /** 11–17: child sexual exploitation screen; seen-alone question. */
  youngPerson: boolean;
  /** 12–17: substance use screen (CRAFFT-structured). */
  substanceScreen: boolean;
  /** Under 13: any sexual activity or pregnancy is suspect-level, referral mandatory. */
  underThirteen: boolean;
  /** Under 16: Fraser / Gillick record for sexual health or contraception. */
  underSixteen: boolean;
  /** 16 and over: domestic abuse enquiry when indicators are present. */
  sixteenOrOver: boolean;
}

export function ageBand(ageYears: number | undefined): AgeBand {
  if (ageYears === undefined) return 'unknown';
  if (ageYears < 2) return 'under-2';
  if (ageYears < 5) return '2-4';
  if (ageYears < 11) return '5-10';
  if (ageYears < 12) return '11';
  if (ageYears < 13) return '12';
  if (ageYears < 16) return '13-15';
  if (ageYears < 18) return '16-17';
  return 'adult';
}

/**
 * The pathway for an age in whole years. When age is not yet known every age-specific
 * flag is false: the nurse is asked for a date of birth or an estimated age first.
 */
export function pathwayForAge(ageYears: number | undefined): Pathway {
  if (ageYears === undefined) {
    return {
      ageYears,
      band: 'unknown',
      child: false,
      adult: false,
      underTwo: false,
      underFive: false,
      schoolAge: false,
      youngPerson: false,
      substanceScreen: false,
      underThirteen: false,
      underSixteen: false,
      sixteenOrOver: false,
    };
  }
  const age = ageYears;
  return {
    ageYears,
    band: ageBand(age),
    child: age < 18,
    adult: age >= 18,
    underTwo: age < 2,
    underFive: age < 5,
    schoolAge: age >= 5 && age < 18,
    youngPerson: age >= 11 && age < 18,
    substanceScreen: age >= 12 && age < 18,
    underThirteen: age < 13,
    underSixteen: age < 16,
    sixteenOrOver: age >= 16,
  };
}
