import { FEISHU } from '../hire-errors';
import { fail, ok, pathSegment } from '../http';
import type { HireRoute } from '../state';

export const applicationRoutes: HireRoute[] = [
	{
		/** The page documents an unknown application as 400 / 1002002. */
		method: 'GET',
		path: /^\/open-apis\/hire\/v1\/applications\/([^/]+)$/,
		endpoint: 'getApplication',
		handle(state, { match }) {
			const application = state.applications.get(pathSegment(match[1]));
			if (!application) fail(FEISHU.hireParamError, 'application not found');
			return ok({ application }, 'success');
		},
	},
];
