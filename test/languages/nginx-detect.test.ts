// Which files are nginx: names, and content for ambiguous `.conf` files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isNginxName, matchesNginxContent } from '../../server/src/languages/nginx/detect';
import { detectLanguage } from '../../server/src/engine/detect';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';

describe('nginx detection', () => {
  it('claims nginx.conf, *.nginx and *.conf.template by name', () => {
    for (const p of ['/w/nginx.conf', '/w/deploy/site.nginx', '/w/templates/default.conf.template', '/w/NGINX.CONF']) {
      assert.ok(isNginxName(p), p);
    }
    for (const p of ['/w/nginx/mime.types', '/w/nginx/fastcgi_params', '/w/app.conf', '/w/nginx.conf.bak']) {
      assert.ok(!isNginxName(p), p);
    }
  });

  it('claims .conf files whose statements are nginx', () => {
    assert.ok(matchesNginxContent('/w/conf.d/site.conf', 'server {\n    listen 80;\n}\n'));
    assert.ok(matchesNginxContent('/w/x.conf', 'upstream app {\n  server 10.0.0.1;\n}\n'));
    assert.ok(matchesNginxContent('/w/x.conf', '  location /api/ {\n    proxy_pass http://api;\n  }\n'));
    assert.ok(matchesNginxContent('/w/x.conf', 'listen 80;\nroot /srv/www;\n'));
    assert.ok(matchesNginxContent('/w/sites-enabled/default', 'server {\n listen 80;\n}\n'));
  });

  it('leaves Apache, php-fpm, supervisor, fail2ban and other .conf files alone', () => {
    const others: Record<string, string> = {
      'apache.conf': '<VirtualHost *:80>\n  ServerName example.com\n  DocumentRoot /var/www\n</VirtualHost>\n',
      'conf.d/www.conf': '[www]\nuser = www-data\nlisten = /run/php/php-fpm.sock\n',
      'supervisord.conf': '[program:app]\ncommand=/usr/bin/app\n',
      'jail.conf': '[sshd]\nenabled = true\nport = ssh\n',
      'redis.conf': 'bind 127.0.0.1\nport 6379\n',
      'keepalived.conf': 'virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n  }\n}\n',
      'mime.types': 'types {\n text/html html;\n}\n',
    };
    for (const [name, text] of Object.entries(others)) assert.ok(!matchesNginxContent(`/w/nginx/${name}`, text), name);
    // Folder names alone are not enough.
    assert.ok(!matchesNginxContent('/w/nginx/notes', 'hello\n'));
    assert.ok(!matchesNginxContent('/w/x.txt', 'server {\n listen 80;\n}\n'));
  });

  it('is what the engine uses', () => {
    assert.equal(detectLanguage('/w/conf.d/app.conf', 'server {\n listen 80;\n}\n', DEFAULT_CONFIG), 'nginx');
    assert.equal(detectLanguage('/w/nginx.conf', '', DEFAULT_CONFIG), 'nginx');
    assert.equal(detectLanguage('/w/php/www.conf', '[www]\nlisten = 9000\n', DEFAULT_CONFIG), undefined);
  });

  it('sniffs hostile content in linear time', () => {
    const t0 = performance.now();
    matchesNginxContent('/w/x.conf', 'location ' + ' '.repeat(60_000));
    matchesNginxContent('/w/x.conf', 'listen' + ' '.repeat(60_000));
    assert.ok(performance.now() - t0 < 500);
  });
});
