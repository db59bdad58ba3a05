import { z } from 'zod';
import { idParamsSchema, pageOf } from '../../core/schemas/common.schema.js';
import {
  createUserSchema,
  listUsersQuerySchema,
  peopleQuerySchema,
  personSchema,
  resetPasswordSchema,
  setRoleSchema,
  updateUserSchema,
  userSchema,
} from '../../core/schemas/users.schema.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { UsersService } from './users.service.js';

export function registerUsersRoutes(app: App, users: UsersService) {
  app.get(
    '/api/users',
    { schema: { tags: ['users'], summary: '用户列表 / list users', querystring: listUsersQuerySchema, response: { 200: pageOf(userSchema) } } },
    (request) => users.list(request.actor, request.query),
  );

  app.get(
    '/api/people',
    {
      schema: {
        tags: ['users'],
        summary: '可指定的人员（包挂领导 role=leader；项目管家、专班不限角色），全县在用账户 / people a project writer may name, county-wide',
        querystring: peopleQuerySchema,
        response: { 200: z.array(personSchema) },
      },
    },
    (request) => users.people(request.query.role),
  );

  app.get(
    '/api/users/:id',
    { schema: { tags: ['users'], summary: '用户详情 / one user', params: idParamsSchema, response: { 200: userSchema } } },
    async (request, reply) => withEtag(reply, await users.get(request.actor, request.params.id)),
  );

  app.post(
    '/api/users',
    { schema: { tags: ['users'], summary: '新增用户（首次登录须改密）/ add a user (must change password at first sign-in)', body: createUserSchema, response: { 201: userSchema } } },
    async (request, reply) => {
      const user = await users.create(request.actor, request.body, { mustChangePassword: true });
      return reply.code(201).send(withEtag(reply, user));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: { tags: ['users'], summary: '修改用户（需 If-Match）/ change a user (If-Match required)', params: idParamsSchema, body: updateUserSchema, response: { 200: userSchema } },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      return withEtag(reply, await users.update(request.actor, request.params.id, version, request.body));
    },
  );

  app.put(
    '/api/users/:id/role',
    {
      schema: { tags: ['users'], summary: '分配角色（安全管理员，需 If-Match）/ assign the role (security admin, If-Match)', params: idParamsSchema, body: setRoleSchema, response: { 200: userSchema } },
    },
    async (request, reply) => {
      const version = requireIfMatch(request);
      return withEtag(reply, await users.setRole(request.actor, request.params.id, version, request.body.role));
    },
  );

  app.post(
    '/api/users/:id/reset-password',
    { schema: { tags: ['users'], summary: '重置密码 / set a temporary password', params: idParamsSchema, body: resetPasswordSchema, response: { 200: userSchema } } },
    async (request, reply) => withEtag(reply, await users.resetPassword(request.actor, request.params.id, request.body.password)),
  );

  app.post(
    '/api/users/:id/unlock',
    { schema: { tags: ['users'], summary: '解除锁定 / unlock a locked account', params: idParamsSchema, response: { 200: userSchema } } },
    async (request, reply) => withEtag(reply, await users.unlock(request.actor, request.params.id)),
  );
}
