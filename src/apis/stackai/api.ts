/** PLACEHOLDER while the stackai view is written: answers 500 in Alloy's envelope. Replace entirely. */
import { alloyError } from '../alloy/errors.ts';
import { ApiFailure } from '../shared/api-failure.ts';
import type { VendorApi } from '../shared/vendor-router.ts';

export const stackaiApi: VendorApi = {
  name: 'stackai',
  spec: 'stackai',
  handlers: {
    'getAnalyticsDataApi': () => {
      throw new ApiFailure('internal', 'not implemented yet');
    },
  },
  toErrorResponse: alloyError,
};
