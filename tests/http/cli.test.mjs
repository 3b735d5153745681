// The sendhub command line: version, help, every command's --help, errors
// as one line on stderr with a non-zero exit, user add (password on stdin),
// token create, backup of a SQLite database, demo refusing real data, and an
// unreachable PostgreSQL URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(process.env.SENDHUB_BIN || 'build/sendhub-asan');

function run(args, input) {
  const r = spawnSync(BIN, args, { input: input ?? '', encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function sqlite(file, sql) {
  const r = spawnSync('sqlite3', [file, sql], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

function oneLine(s) {
  const lines = s.split('\n').filter((l) => l.length > 0);
  return lines.length === 1;
}

const dir = mkdtempSync(join(tmpdir(), 'sendhub-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

test('version prints the version and schema', () => {
  const r = run(['version']);
  assert.equal(r.code, 0);
  assert.match(r.out, /^sendhub \d+\.\d+\.\d+ \(schema \d+\)\n$/);
});

test('help lists the commands', () => {
  const r = run(['help']);
  assert.equal(r.code, 0);
  for (const c of ['serve', 'init', 'demo', 'user add', 'token create', 'backup', 'version', 'help'])
    assert.ok(r.out.includes(c), `help mentions ${c}`);
});

test('every command answers --help with its usage', () => {
  const help = run(['help']).out;
  const cmds = help
    .split('\n')
    .filter((l) => /^ {2}\S/.test(l))
    .map((l) => l.trim().split(/\s{2,}/)[0]);
  assert.ok(cmds.length >= 8);
  for (const c of cmds) {
    if (c === 'help') continue;
    const r = run([...c.split(' '), '--help']);
    assert.equal(r.code, 0, `${c} --help exits 0`);
    assert.match(r.out, /usage/i, `${c} --help prints usage`);
  }
});

test('unknown command: one line on stderr, non-zero exit', () => {
  const r = run(['no-such-command']);
  assert.notEqual(r.code, 0);
  assert.ok(oneLine(r.err), r.err);
  assert.equal(r.out, '');
});

test('unknown flag: one line on stderr, non-zero exit', () => {
  for (const args of [['serve', '--no-such-flag'], ['init', '--bogus'], ['user', 'add', '--nope']]) {
    const r = run(args);
    assert.notEqual(r.code, 0, args.join(' '));
    assert.ok(oneLine(r.err), r.err);
    assert.match(r.err, /unknown option/);
  }
});

test('a flag missing its value is refused', () => {
  const r = run(['init', '--db']);
  assert.notEqual(r.code, 0);
  assert.ok(oneLine(r.err), r.err);
});

test('unreachable PostgreSQL URL: one-line error, non-zero exit', () => {
  const r = run(['init', '--db', 'postgresql://sendhub@127.0.0.1:1/none?connect_timeout=2']);
  assert.notEqual(r.code, 0);
  assert.ok(oneLine(r.err), r.err);
  assert.match(r.err, /^sendhub: /);
});

test('user add reads the password from stdin; token create; backup copies the people', () => {
  const db = join(dir, 'cli.db');
  const url = `sqlite:${db}`;
  let r = run(['demo', '--db', url]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /admin@northbridge\.example/);

  r = run(['user', 'add', '--db', url, '--email', 'New.Person@Example.org', '--name', 'New Person',
    '--org', 'Eastmere Council', '--role', 'officer'], 'a-long-enough-password\n');
  assert.equal(r.code, 0, r.err);
  let q = sqlite(db, "SELECT name, role, active, length(password_hash) > 20 FROM people WHERE email = 'new.person@example.org'");
  assert.equal(q.out, 'New Person|officer|1|1');
  // The hash is argon2id, never the password.
  q = sqlite(db, "SELECT password_hash FROM people WHERE email = 'new.person@example.org'");
  assert.match(q.out, /^\$argon2id\$/);
  assert.ok(!q.out.includes('a-long-enough-password'));

  // A short password is refused and nothing is added.
  r = run(['user', 'add', '--db', url, '--email', 'short@example.org', '--name', 'S', '--org', 'Eastmere Council',
    '--role', 'officer'], 'short\n');
  assert.notEqual(r.code, 0);
  assert.ok(oneLine(r.err), r.err);
  assert.equal(sqlite(db, "SELECT COUNT(*) FROM people WHERE email = 'short@example.org'").out, '0');

  // An unknown role or organisation: one line, non-zero.
  r = run(['user', 'add', '--db', url, '--email', 'x@example.org', '--name', 'X', '--org', 'Eastmere Council',
    '--role', 'king'], 'a-long-enough-password\n');
  assert.notEqual(r.code, 0);
  assert.ok(oneLine(r.err), r.err);
  r = run(['user', 'add', '--db', url, '--email', 'x@example.org', '--name', 'X', '--org', 'Nowhere',
    '--role', 'officer'], 'a-long-enough-password\n');
  assert.notEqual(r.code, 0);
  assert.ok(oneLine(r.err), r.err);

  r = run(['token', 'create', '--db', url, '--email', 'new.person@example.org', '--label', 'cli test']);
  assert.equal(r.code, 0, r.err);
  const token = r.out.trim();
  assert.match(token, /^[0-9a-f]{64}$/);
  q = sqlite(db, "SELECT COUNT(*) FROM api_tokens WHERE label = 'cli test' AND revoked_at IS NULL");
  assert.equal(q.out, '1');
  // Only the hash is stored.
  assert.equal(sqlite(db, `SELECT COUNT(*) FROM api_tokens WHERE token_hash = '${token}'`).out, '0');

  r = run(['token', 'create', '--db', url, '--email', 'nobody@example.org']);
  assert.notEqual(r.code, 0);
  assert.ok(oneLine(r.err), r.err);

  const copy = join(dir, 'copy.db');
  r = run(['backup', '--db', url, '--out', copy]);
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(copy));
  q = sqlite(copy, "SELECT COUNT(*) FROM people WHERE email IN ('admin@northbridge.example', 'new.person@example.org')");
  assert.equal(q.out, '2');
  assert.equal(sqlite(copy, 'PRAGMA integrity_check').out, 'ok');

  r = run(['backup', '--db', url]);
  assert.notEqual(r.code, 0);
  assert.ok(oneLine(r.err), r.err);
});

test('demo refuses a database holding non-demo data', () => {
  const db = join(dir, 'real.db');
  const url = `sqlite:${db}`;
  let r = run(['init', '--db', url]);
  assert.equal(r.code, 0, r.err);
  let q = sqlite(db, "INSERT INTO organisations (id, name, type, created_at) VALUES ('11111111-1111-4111-8111-111111111111', 'Real Council', 'local_authority', '2026-01-01T00:00:00Z')");
  assert.equal(q.code, 0, q.err);
  r = run(['user', 'add', '--db', url, '--email', 'real@council.example', '--name', 'Real Person', '--org',
    'Real Council', '--role', 'admin'], 'a-real-password-here\n');
  assert.equal(r.code, 0, r.err);
  r = run(['demo', '--db', url]);
  assert.notEqual(r.code, 0);
  assert.ok(oneLine(r.err), r.err);
  q = sqlite(db, 'SELECT COUNT(*) FROM people');
  assert.equal(q.out, '1');
  assert.equal(sqlite(db, 'SELECT COUNT(*) FROM areas').out, '0');
});
