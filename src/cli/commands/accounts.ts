import { Option, type Command } from 'commander';
import { AppError } from '../../core/errors.js';
import { ROLES, ROLE_LABELS, type Role } from '../../core/roles.js';
import { createUserSchema } from '../../core/schemas/users.schema.js';
import { Actor } from '../../features/shared/context.js';
import { unitsRepository } from '../../features/units/units.repository.js';
import { output, withContainer } from '../runtime.js';

function parseUser(input: unknown) {
  const r = createUserSchema.safeParse(input);
  if (!r.success) throw new AppError('VALIDATION_FAILED', { issues: r.error.issues.map((i) => ({ path: i.path, message: `${i.path.join('.')}: ${i.message}` })) });
  return r.data;
}

export function registerAdminCommands(program: Command) {
  const admin = program.command('admin').description('管理员账户 / administrator accounts');
  admin
    .command('create')
    .description('创建系统管理员（首次使用时替代网页初始化）/ create a system administrator')
    .requiredOption('--username <username>', '用户名 / username')
    .requiredOption('--password <password>', '密码（须符合密码策略）/ password (must meet the policy)')
    .option('--display-name <name>', '姓名 / display name', '系统管理员')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(async (o: { username: string; password: string; displayName: string; json?: boolean }) => {
      await withContainer(async (c) => {
        const actor = Actor.cli();
        const input = { username: o.username, password: o.password, displayName: o.displayName };
        parseUser({ ...input, role: 'system-admin' });
        const user = (await c.services.setup.needsSetup())
          ? await c.services.setup.createFirstAdmin(actor, input)
          : await c.services.users.create(actor, { ...input, role: 'system-admin' });
        output(o.json, user, () => `已创建系统管理员 / created system administrator: ${user.username}（${user.unitName}）`);
      });
    });

  const user = program.command('user').description('用户账户 / user accounts');
  user
    .command('add')
    .description('新增用户 / add a user')
    .requiredOption('--username <username>', '用户名 / username')
    .requiredOption('--password <password>', '密码（须符合密码策略）/ password (must meet the policy)')
    .addOption(new Option('--role <role>', '角色 / role').choices([...ROLES]).makeOptionMandatory())
    .option('--unit <unit>', '所属单位（ID 或名称，默认根单位）/ unit id or name (default: the root unit)')
    .option('--display-name <name>', '姓名（默认同用户名）/ display name')
    .option('--title <title>', '职务，如 常务副县长 / title')
    .option('--phone <phone>', '电话 / phone')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(async (o: { username: string; password: string; role: Role; unit?: string; displayName?: string; title?: string; phone?: string; json?: boolean }) => {
      await withContainer(async (c) => {
        let unitId: string | undefined;
        if (o.unit) {
          const unit = (await unitsRepository.find(c.deps.db, o.unit)) ?? (await unitsRepository.findByName(c.deps.db, o.unit));
          if (!unit) throw new Error(`找不到单位 / unit not found: ${o.unit}`);
          unitId = unit.id;
        } else if (!(await c.services.units.findRoot())) {
          throw new Error('尚未初始化：请先运行 luodi admin create / not set up yet: run luodi admin create first');
        }
        const input = parseUser({ username: o.username, password: o.password, role: o.role, unitId, displayName: o.displayName ?? o.username, title: o.title, phone: o.phone });
        const created = await c.services.users.create(Actor.cli(), input);
        output(o.json, created, () => `已创建用户 / created: ${created.username}（${ROLE_LABELS[created.role].zh}，${created.unitName}）`);
      });
    });
}
