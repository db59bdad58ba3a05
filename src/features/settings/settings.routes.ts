import { z } from 'zod';
import { ROLES, ROLE_LABELS, roleSchema } from '../../core/roles.js';
import { ROUTE_MATRIX, accessFor } from '../../core/authz-matrix.js';
import { securityPolicySchema } from '../../core/security-policy.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { SettingsService } from './settings.service.js';

const versionedPolicySchema = z.object({ policy: securityPolicySchema, version: z.number().int() });

export function registerSettingsRoutes(app: App, settings: SettingsService) {
  app.get(
    '/api/roles',
    {
      schema: {
        tags: ['security'],
        summary: '角色与权限矩阵 / roles and the permission matrix',
        response: {
          200: z.array(z.object({ id: roleSchema, zh: z.string(), en: z.string(), routes: z.record(z.string(), z.enum(['allow', 'scoped', 'deny'])) })),
        },
      },
    },
    () =>
      ROLES.map((role) => ({
        id: role,
        ...ROLE_LABELS[role],
        routes: Object.fromEntries(
          Object.entries(ROUTE_MATRIX)
            .filter(([, p]) => !p.public && !p.selfService)
            .map(([key, p]) => [key, accessFor(p, role)]),
        ),
      })),
  );

  app.get(
    '/api/settings/security',
    { schema: { tags: ['security'], summary: '安全策略 / the security policy', response: { 200: versionedPolicySchema } } },
    async (_request, reply) => withEtag(reply, await settings.getSecurityPolicy()),
  );

  app.put(
    '/api/settings/security',
    {
      schema: { tags: ['security'], summary: '修改安全策略（需 If-Match）/ change the security policy (If-Match)', body: securityPolicySchema, response: { 200: versionedPolicySchema } },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      return withEtag(reply, await settings.updateSecurityPolicy(request.actor, version, request.body));
    },
  );
}
