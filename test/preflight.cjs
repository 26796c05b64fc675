// Fails loudly (never skips) when the services the tests need are not reachable.
const net = require('node:net');

const DB_URL = process.env.TEST_DATABASE_URL || 'mariadb://root@127.0.0.1:3306/test';
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

function reachable(url, defPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || defPort), timeout: 2000 });
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.on('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

(async () => {
  const problems = [];
  if (!(await reachable(DB_URL, 3306))) {
    problems.push(
      `MariaDB/MySQL is not reachable at ${DB_URL} (TEST_DATABASE_URL).\n    Start it: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql`,
    );
  } else {
    const mysql = require('mysql2/promise');
    const u = new URL(DB_URL);
    try {
      const c = await mysql.createConnection({
        host: u.hostname,
        port: Number(u.port || 3306),
        user: decodeURIComponent(u.username),
        password: decodeURIComponent(u.password),
      });
      await c.query('SELECT 1');
      await c.end();
    } catch (e) {
      problems.push(
        `MariaDB/MySQL at ${DB_URL} refused the login: ${e.message}\n    Allow root over TCP with an empty password: mariadb -uroot -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket"`,
      );
    }
  }
  if (!(await reachable(REDIS_URL, 6379))) {
    problems.push(
      `Redis is not reachable at ${REDIS_URL} (TEST_REDIS_URL).\n    Start it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
    );
  }
  if (problems.length) {
    console.error(
      '\nThe tests need real services and will not skip them:\n  - ' +
        problems.join('\n  - ') +
        '\n',
    );
    process.exit(1);
  }
})();
