import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import type { App } from '../types.js';

/** The OpenAPI document at /api/docs/json, browsable at /api/docs. Built from the zod schemas. */
export async function registerOpenApi(app: App, config: Config) {
  await app.register(swagger, {
    openapi: {
      info: {
        title: '落地 luodi API',
        description:
          '重大项目推进平台接口。登录后使用会话 Cookie；所有写请求须带 X-CSRF-Token（取自 GET /api/me 的 csrfToken）；修改类请求须带 If-Match（取自读取时的 ETag）。错误格式统一为 { error: { code, message, details } }。',
        version: config.version,
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'luodi_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Plain-http county deployments: upgrading would send the docs' assets to https and fail.
    transformStaticCSP: (header) => header.replace(/upgrade-insecure-requests;?/, ''),
  });
}
