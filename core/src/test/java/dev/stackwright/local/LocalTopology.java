package dev.stackwright.local;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The proof's topology (2 app servers, 1 static server, 1 broker, 1 database, 2 workers, a load balancer and a
 * controller) and its rendered files. The files are written here the way the renderer writes them until the local
 * run is wired to {@code Renderer}; they use cluster addresses, standard ports and node paths only.
 */
final class LocalTopology {
  private LocalTopology() {}

  /** The demo app of the end-to-end test. */
  static final Path DEMO = Path.of("src/test/local/demo").toAbsolutePath();

  static Cluster cluster(String name) {
    ClusterDsl c = Stackwright.cluster(name).network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12").cpuWeight("server", 0.5);
    c.flavor("small").vcpus(1).ramGb(1).cpuClass("server");
    c.role("controller").address("10.0.0.10").flavor("small");
    c.role("webserver").subnet("10.0.10").firstOffset(3).flavor("small");
    c.role("appserver").subnet("10.0.11").count(2).flavor("small").processes(2);
    c.role("static").subnet("10.0.12").flavor("small");
    c.role("database").subnet("10.0.20").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    c.role("worker").subnet("10.0.100").count(2).flavor("small").processes(1);
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("/src/demo").version("1");
    return c.build();
  }

  private static final String APP_ENV = "BROKER_URL=amqp://demo:s3cret@10.0.30.1:5672//\n"
      + "COUCHDB_URL=http://admin:couch-secret@10.0.20.1:5984\n";

  private static final String NGINX_HEAD = "worker_processes 1;\npid /run/nginx.pid;\n"
      + "events { worker_connections 256; }\nhttp {\n  include /etc/nginx/mime.types;\n"
      + "  log_format up '$remote_addr \"$request\" $status upstream=$upstream_addr';\n"
      + "  access_log /var/log/nginx/access.log up;\n";

  static List<LocalRun.RenderedText> files() {
    List<LocalRun.RenderedText> f = new ArrayList<>();
    f.add(new LocalRun.RenderedText("webserver-1", "/etc/nginx/nginx.conf", 0644, NGINX_HEAD
        + "  upstream app_servers { server 10.0.11.1:8000; server 10.0.11.2:8000; }\n"
        + "  upstream static_servers { server 10.0.12.1:80; }\n"
        + "  server {\n    listen 10.0.10.3:80;\n"
        + "    location /static/ { proxy_pass http://static_servers; }\n"
        + "    location / { proxy_pass http://app_servers; proxy_set_header Host $host; }\n  }\n}\n"));
    f.add(new LocalRun.RenderedText("static-1", "/etc/nginx/nginx.conf", 0644, NGINX_HEAD
        + "  server {\n    listen 10.0.12.1:80;\n    location /static/ { alias /srv/demo/static/; }\n  }\n}\n"));
    f.add(new LocalRun.RenderedText("controller-1", "/etc/nginx/nginx.conf", 0644, NGINX_HEAD
        + "  server {\n    listen 10.0.0.10:80;\n"
        + "    location /flower/ { proxy_pass http://10.0.0.10:5555; }\n"
        + "    location /rabbitmq/ {\n      rewrite ^ $request_uri;\n      rewrite ^/rabbitmq(/.*)$ $1 break;\n"
        + "      proxy_pass http://10.0.30.1:15672$uri;\n    }\n"
        + "    location /admin/ { proxy_pass http://10.0.11.1:8000; proxy_set_header Host $host; }\n  }\n}\n"));
    for (int i = 1; i <= 2; i++) {
      String n = "appserver-" + i;
      f.add(new LocalRun.RenderedText(n, "/etc/demo/gunicorn.conf.py", 0644, "bind = \"10.0.11." + i + ":8000\"\n"
          + "workers = 2\npidfile = \"/run/gunicorn/demo.pid\"\naccesslog = \"/var/log/gunicorn/access.log\"\n"
          + "errorlog = \"/var/log/gunicorn/error.log\"\nraw_env = [\"APP_SERVER_ID=" + n + "\"]\n"));
      f.add(new LocalRun.RenderedText(n, "/etc/demo/env", 0640, APP_ENV));
      f.add(new LocalRun.RenderedText(n, "/etc/systemd/system/gunicorn.service", 0644, "[Unit]\n"
          + "Description=gunicorn for demo\nAfter=network.target\n\n[Service]\nEnvironmentFile=/etc/demo/env\n"
          + "WorkingDirectory=/srv/demo\n"
          + "ExecStart=/usr/bin/gunicorn -c /etc/demo/gunicorn.conf.py demo.wsgi:application\n\n"
          + "[Install]\nWantedBy=multi-user.target\n"));
      String w = "worker-" + i;
      f.add(new LocalRun.RenderedText(w, "/etc/conf.d/celery", 0644, "CELERYD_NODES=\"w1\"\n"
          + "CELERY_BIN=\"/usr/bin/celery\"\nCELERY_APP=\"demo\"\nCELERYD_PID_FILE=\"/var/run/celery/%n.pid\"\n"
          + "CELERYD_LOG_FILE=\"/var/log/celery/%n%I.log\"\nCELERYD_LOG_LEVEL=\"INFO\"\nCELERYD_OPTS=\"-c 1\"\n"
          + APP_ENV));
      f.add(new LocalRun.RenderedText(w, "/etc/systemd/system/celery.service", 0644, "[Unit]\n"
          + "Description=Celery workers\nAfter=network.target\n\n[Service]\nType=forking\n"
          + "EnvironmentFile=/etc/conf.d/celery\nWorkingDirectory=/srv/demo\n"
          + "ExecStart=/bin/sh -c '${CELERY_BIN} -A $CELERY_APP multi start $CELERYD_NODES "
          + "--pidfile=${CELERYD_PID_FILE} --logfile=${CELERYD_LOG_FILE} --loglevel=\"${CELERYD_LOG_LEVEL}\" "
          + "$CELERYD_OPTS'\n\n[Install]\nWantedBy=multi-user.target\n"));
    }
    f.add(new LocalRun.RenderedText("broker-1", "/etc/rabbitmq/rabbitmq.conf", 0644,
        "listeners.tcp.default = 10.0.30.1:5672\ndefault_user = demo\ndefault_pass = s3cret\ndefault_vhost = /\n"
            + "default_permissions.configure = .*\ndefault_permissions.read = .*\ndefault_permissions.write = .*\n"
            + "default_user_tags.administrator = true\nloopback_users = none\n"
            + "management.tcp.ip = 10.0.30.1\nmanagement.tcp.port = 15672\n"
            + "log.file = /var/log/rabbitmq/rabbit.log\n"));
    f.add(new LocalRun.RenderedText("broker-1", "/etc/rabbitmq/enabled_plugins", 0644, "[rabbitmq_management].\n"));
    f.add(new LocalRun.RenderedText("database-1", "/opt/couchdb/etc/local.ini", 0640,
        "[couchdb]\ndatabase_dir = /var/lib/couchdb\n\n[chttpd]\nbind_address = 10.0.20.1\nport = 5984\n\n"
            + "[admins]\nadmin = couch-secret\n"));
    for (String node : List.of("webserver-1", "static-1", "controller-1", "appserver-1", "appserver-2", "broker-1",
        "database-1", "worker-1", "worker-2")) {
      f.add(new LocalRun.RenderedText(node, "/etc/hosts", 0644, "127.0.0.1 localhost\n10.0.0.10 controller-1\n"
          + "10.0.10.3 webserver-1\n10.0.11.1 appserver-1\n10.0.11.2 appserver-2\n10.0.12.1 static-1\n"
          + "10.0.20.1 database-1\n10.0.30.1 broker-1\n10.0.100.1 worker-1\n10.0.100.2 worker-2\n"));
    }
    return f;
  }
}
