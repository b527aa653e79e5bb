/** PLACEHOLDER while the b3os view is written: answers 500 in Alloy's envelope. Replace entirely. */
import { alloyError } from '../alloy/errors.ts';
import { ApiFailure } from '../shared/api-failure.ts';
import type { VendorApi } from '../shared/vendor-router.ts';

export const b3osApi: VendorApi = {
  name: 'b3os',
  spec: 'b3os',
  handlers: {
    'getExecutionStats': () => {
      throw new ApiFailure('internal', 'not implemented yet');
    },
  },
  toErrorResponse: alloyError,
};
