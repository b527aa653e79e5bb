/** PLACEHOLDER while the onepin view is written: answers 500 in Alloy's envelope. Replace entirely. */
import { alloyError } from '../alloy/errors.ts';
import { ApiFailure } from '../shared/api-failure.ts';
import type { VendorApi } from '../shared/vendor-router.ts';

export const onepinApi: VendorApi = {
  name: 'onepin',
  spec: 'onepin',
  handlers: {
    'runs_summary_api_v1_workflows__workflow_id__runs_summary_get': () => {
      throw new ApiFailure('internal', 'not implemented yet');
    },
  },
  toErrorResponse: alloyError,
};
