import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIONS, can, isAction, isRole, PERMISSIONS, ROLES, type Action, type Role } from './roles';

// The intended matrix, written out row by row so a change to the table shows up here as a
// deliberate edit: A admin, E engineer, O operator, C customer.
const EXPECTED: Record<Action, string> = {
  'tenant.read': 'AEOC',
  'tenant.manage': 'A',
  'user.manage': 'A',
  'apikey.manage': 'A',
  'audit.read': 'A',
  'secret.write': 'AE',
  'secret.list': 'AEO',
  'connection.manage': 'AE',
  'connection.check': 'AEO',
  'pipeline.read': 'AEO',
  'pipeline.apply': 'AE',
  'pipeline.delete': 'AE',
  'pipeline.pause': 'AEO',
  'schedule.manage': 'AEO',
  'run.start': 'AEO',
  'run.cancel': 'AEO',
  'run.read': 'AEOC',
  'results.read': 'AEOC',
  replay: 'AEO',
};
const LETTER: Record<Role, string> = { admin: 'A', engineer: 'E', operator: 'O', customer: 'C' };

describe('roles', () => {
  test('every role and action pair answers as the matrix says', () => {
    assert.deepEqual([...ACTIONS].sort(), Object.keys(EXPECTED).sort());
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        assert.equal(can(role, action), EXPECTED[action].includes(LETTER[role]), `${role} ${action}`);
      }
    }
  });

  test('admin may do everything; customer only reads its tenant, runs and results', () => {
    assert.ok(ACTIONS.every((action) => can('admin', action)));
    assert.deepEqual(ACTIONS.filter((action) => can('customer', action)).sort(), ['results.read', 'run.read', 'tenant.read']);
  });

  test('the table lists only known roles', () => {
    for (const roles of Object.values(PERMISSIONS)) for (const role of roles) assert.ok(isRole(role), role);
  });

  test('unknown roles and actions are denied, not thrown', () => {
    assert.equal(can('root' as Role, 'tenant.read'), false);
    assert.equal(can('admin', 'tenant.destroy' as Action), false);
    assert.equal(can('admin', 'toString' as Action), false);
    assert.equal(can(undefined as unknown as Role, 'run.read'), false);
    assert.equal(isRole('Admin'), false);
    assert.equal(isAction('__proto__'), false);
    assert.equal(isAction('replay'), true);
  });
});
