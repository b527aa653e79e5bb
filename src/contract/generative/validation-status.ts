/** The status each API's spec documents for a request that breaks a parameter rule (400 or 422). */
import type { ApiName } from '../../apis.ts';
import { alloyContract } from '../apis/alloy.ts';
import { b3osContract } from '../apis/b3os.ts';
import { multiplaiContract } from '../apis/multiplai.ts';
import { onepinContract } from '../apis/onepin.ts';
import { stackaiContract } from '../apis/stackai.ts';

export const CONTRACT_API_STATUS: Readonly<Record<ApiName, number>> = {
  alloy: alloyContract.validationStatus,
  stackai: stackaiContract.validationStatus,
  onepin: onepinContract.validationStatus,
  b3os: b3osContract.validationStatus,
  multiplai: multiplaiContract.validationStatus,
};
