#!/usr/bin/env bash
# Querent native local stack: the docker-compose topology as local processes.
#
#   bash deploy/local-stack.sh [start|stop|up|down|status|env|clean|help]
#
#   start   the whole topology of deploy/docker-compose.yml as local processes:
#           postgres, redis, schema-service, QUERENT_TRAINERS x trainer-service,
#           query-service and the nginx gateway (deploy/nginx/nginx.conf, the same
#           routing file as the compose stack) on 127.0.0.1:$QUERENT_GATEWAY_PORT.
#           Same as `QUERENT_STACK_SERVICES=1 up`. Safe to run again while it is up:
#           it starts only what is not running (a stopped or crashed component).
#   stop    stop everything this script started (gateway, services, redis, postgres).
#   stop NAME...  stop only these components (postgres, redis, gateway, or a service:
#           schema-service, trainer-service-N, query-service); `start` brings them back.
#           For fault drills: the rest of the stack keeps running.
#   up      (default) start a private PostgreSQL 15 cluster and a private
#           redis-server only (the test command's dependencies); with
#           QUERENT_STACK_SERVICES=1 also the services and the gateway, like `start`.
#   down    the same as stop.
#   status  report what is running; exit 0 only when postgres and redis are up
#           (and the services and gateway too, when they were started).
#   env     print `export NAME=value` lines for tests: eval "$(bash deploy/local-stack.sh env)"
#   clean   `down`, then delete deploy/.run (all data, logs and generated dev secrets).
#
# Everything lives under deploy/.run/ (git-ignored): pg/ (data dir), redis/,
# nginx/ (gateway prefix: generated includes, pid, temp files), logs/ (every
# component's log, one file each), pids/, dev secrets. Nothing is installed
# unless QUERENT_INSTALL=1. A port held by a process this script did not start
# is refused with a message naming the port and the setting that moves it.
#
# Settings (environment):
#   QUERENT_PG_PORT        private PostgreSQL port                  (55432)
#   QUERENT_REDIS_PORT     private redis port                       (56379)
#   QUERENT_MYSQL_PORT     private MariaDB port, when started       (53306)
#   QUERENT_STACK_MYSQL=1  `up`/`start` also start a private MariaDB (the test command's MySQL
#                          customer database; user querent/querent, may create databases)
#   QUERENT_PG_BINDIR      directory holding initdb/pg_ctl/postgres (auto: /usr/lib/postgresql/15/bin, pg_config --bindir, PATH)
#   QUERENT_PG_OS_USER     OS user owning the cluster when run as root (postgres if it exists, else
#                          querent-pg; a missing user is created with useradd --system)
#   QUERENT_RUN_DIR        state directory                          (deploy/.run)
#   QUERENT_STACK_TIMEOUT  seconds to wait for each component       (60)
#   QUERENT_INSTALL=1      apt-get install the missing system packages first
#   QUERENT_STACK_SERVICES=1  also start schema-service, trainer-service xN, query-service
#                          and the gateway (`start` sets it; `up` does not)
#   QUERENT_STACK_GATEWAY  0: start the services without the nginx gateway      (1)
#   QUERENT_GATEWAY_PORT   gateway port on 127.0.0.1                             (8080)
#   QUERENT_NGINX          the nginx executable                     (nginx on PATH, /usr/sbin/nginx)
#   QUERENT_BIN            directory with the service executables   (.build/debug, relative to the repo root)
#   QUERENT_TRAINERS       trainer replicas                         (2)
#   QUERENT_SCHEMA_PORT / QUERENT_QUERY_PORT / QUERENT_TRAINER_PORT  (8081 / 8083 / 8082;
#                          trainer replica i (0-based) listens on QUERENT_TRAINER_PORT + 100*i)
#   LOG_LEVEL              service log level                        (info)
#   QUERENT_SECRET_KEY / QUERENT_JWT_SECRET  used when set; otherwise dev-only values are
#                          generated once into deploy/.run/ and reused.
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd)
RUN_DIR=${QUERENT_RUN_DIR:-$SCRIPT_DIR/.run}
case "$RUN_DIR" in /*) ;; *) RUN_DIR="$REPO_ROOT/$RUN_DIR" ;; esac

PG_PORT=${QUERENT_PG_PORT:-55432}
REDIS_PORT=${QUERENT_REDIS_PORT:-56379}
MYSQL_PORT=${QUERENT_MYSQL_PORT:-53306}
WITH_MYSQL=${QUERENT_STACK_MYSQL:-0}
TIMEOUT=${QUERENT_STACK_TIMEOUT:-60}
WITH_SERVICES=${QUERENT_STACK_SERVICES:-0}
WITH_GATEWAY=${QUERENT_STACK_GATEWAY:-1}
GATEWAY_PORT=${QUERENT_GATEWAY_PORT:-8080}
TRAINERS=${QUERENT_TRAINERS:-2}
SCHEMA_PORT=${QUERENT_SCHEMA_PORT:-8081}
TRAINER_PORT=${QUERENT_TRAINER_PORT:-8082}
QUERY_PORT=${QUERENT_QUERY_PORT:-8083}
BIN_DIR=${QUERENT_BIN:-.build/debug}
case "$BIN_DIR" in /*) ;; *) BIN_DIR="$REPO_ROOT/$BIN_DIR" ;; esac

PG_DATA="$RUN_DIR/pg"
PG_SOCK_DIR="$RUN_DIR/pg-socket"
REDIS_DIR="$RUN_DIR/redis"
MYSQL_DATA="$RUN_DIR/mysql"
MYSQL_PIDFILE="$RUN_DIR/mysql.pid"
REDIS_PIDFILE="$REDIS_DIR/redis.pid"
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
NGINX_DIR="$RUN_DIR/nginx"
NGINX_PIDFILE="$NGINX_DIR/nginx.pid"
GATEWAY_CONF="$SCRIPT_DIR/nginx/nginx.conf"

PG_USER=querent
PG_PASSWORD=querent
PG_DB=querent

log() { printf '[local-stack] %s\n' "$*" >&2; }

# Closes the pipes and sockets inherited from the caller (except stdin, stdout, stderr):
# the long-lived processes started below would keep them open, and a caller waiting for
# their end (a pipe it reads to EOF, the socket Foundation's Process watches) would wait
# until the whole stack stopped.
close_inherited_fds() {
  local fd n target
  for fd in /proc/$$/fd/*; do
    n=${fd##*/}
    case "$n" in 0 | 1 | 2 | *[!0-9]*) continue ;; esac
    target=$(readlink "$fd" 2>/dev/null) || continue
    case "$target" in socket:* | pipe:*) eval "exec $n>&-" 2>/dev/null || true ;; esac
  done
}
close_inherited_fds
die() { printf '[local-stack] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

is_uint() { case "$1" in '' | *[!0-9]*) return 1 ;; *) return 0 ;; esac; }

validate_settings() {
  local name value
  for name in PG_PORT REDIS_PORT MYSQL_PORT TIMEOUT TRAINERS SCHEMA_PORT TRAINER_PORT QUERY_PORT GATEWAY_PORT; do
    value=${!name}
    is_uint "$value" || die "$name must be a non-negative integer (got '$value')"
  done
}

# ---------------------------------------------------------------- installing

ensure_packages() {
  [ "${QUERENT_INSTALL:-0}" = "1" ] || return 0
  local wanted=(postgresql redis-server nginx libpq-dev libhiredis-dev libsqlite3-dev libcurl4-openssl-dev zlib1g-dev libmariadb-dev pkg-config)
  [ "$WITH_MYSQL" = "1" ] && wanted+=(mariadb-server mariadb-client)
  local missing=() pkg
  for pkg in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "QUERENT_INSTALL=1: all packages already installed"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || die "QUERENT_INSTALL=1 needs apt-get (missing: ${missing[*]})"
  local sudo=()
  if ! is_root; then
    command -v sudo >/dev/null 2>&1 || die "QUERENT_INSTALL=1 needs root or sudo (missing: ${missing[*]})"
    sudo=(sudo)
  fi
  log "installing: ${missing[*]}"
  ${sudo[@]+"${sudo[@]}"} apt-get update
  ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
}

# ---------------------------------------------------------------- postgres

# Major version of a postgres binary: "postgres (PostgreSQL) 15.18 (Debian ...)" -> 15
pg_major() {
  "$1" --version 2>/dev/null | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+(\.[0-9]+)*$/) { split($i, v, "."); print v[1]; exit } }'
}

PG_BIN=""
find_pg_bindir() {
  [ -n "$PG_BIN" ] && return 0
  local candidates=() dir
  [ -n "${QUERENT_PG_BINDIR:-}" ] && candidates+=("$QUERENT_PG_BINDIR")
  candidates+=(/usr/lib/postgresql/15/bin)
  if command -v pg_config >/dev/null 2>&1; then
    candidates+=("$(pg_config --bindir 2>/dev/null || true)")
  fi
  if command -v initdb >/dev/null 2>&1; then
    candidates+=("$(dirname -- "$(command -v initdb)")")
  fi
  for dir in "${candidates[@]}"; do
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
      PG_BIN=$dir
      break
    fi
  done
  [ -n "$PG_BIN" ] || die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; looked in: ${candidates[*]}. Install postgresql-15 (or run with QUERENT_INSTALL=1) or set QUERENT_PG_BINDIR."
  local version
  version=$(pg_major "$PG_BIN/postgres")
  if [ "$version" != "15" ]; then
    log "warning: $PG_BIN/postgres is major version '${version:-unknown}', the stack targets PostgreSQL 15"
  fi
}

# pg_isready / psql: prefer the same bindir, fall back to PATH.
pg_tool() {
  local tool=$1
  shift
  if [ -n "$PG_BIN" ] && [ -x "$PG_BIN/$tool" ]; then
    "$PG_BIN/$tool" "$@"
  elif command -v "$tool" >/dev/null 2>&1; then
    "$tool" "$@"
  else
    die "$tool not found (install postgresql-client-15)"
  fi
}

# OS user owning the cluster: the current user, or (as root) an unprivileged
# system user, because postgres refuses to run as root.
PG_OS_USER=""
resolve_pg_os_user() {
  [ -n "$PG_OS_USER" ] && return 0
  if ! is_root; then
    PG_OS_USER=$(id -un)
    return 0
  fi
  if [ -n "${QUERENT_PG_OS_USER:-}" ]; then
    PG_OS_USER=$QUERENT_PG_OS_USER # created by ensure_pg_os_user when missing
  elif id -u postgres >/dev/null 2>&1; then
    PG_OS_USER=postgres
  else
    PG_OS_USER=querent-pg
  fi
  if id -u "$PG_OS_USER" >/dev/null 2>&1 && [ "$(id -u "$PG_OS_USER")" -eq 0 ]; then
    die "the cluster owner must not be root (QUERENT_PG_OS_USER=$PG_OS_USER): postgres refuses to run as root"
  fi
}

ensure_pg_os_user() {
  resolve_pg_os_user
  is_root || return 0
  if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
    command -v useradd >/dev/null 2>&1 || die "cannot create system user $PG_OS_USER: useradd not found"
    local nologin=/usr/sbin/nologin
    [ -x "$nologin" ] || nologin=/bin/false
    log "creating system user $PG_OS_USER to own the private PostgreSQL cluster"
    useradd --system --no-create-home --home-dir /nonexistent --shell "$nologin" "$PG_OS_USER"
  fi
}

# Run a command as the cluster owner.
as_pg() {
  if ! is_root; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "$PG_OS_USER" -- "$@"
  else
    local quoted
    quoted=$(printf '%q ' "$@")
    su "$PG_OS_USER" -s /bin/sh -c "$quoted"
  fi
}

pg_data_ok() { [ -s "$PG_DATA/PG_VERSION" ]; }

pg_running() {
  pg_data_ok || return 1
  resolve_pg_os_user
  find_pg_bindir
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

pg_ready() {
  pg_tool pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 2 >/dev/null 2>&1
}

pg_sock_dir_setting() {
  # Unix socket paths are limited to ~107 bytes; disable the socket when the
  # run directory is too deep (TCP on 127.0.0.1 is what everything uses).
  if [ ${#PG_SOCK_DIR} -le 80 ]; then printf '%s' "$PG_SOCK_DIR"; else printf ''; fi
}

pg_init() {
  if pg_data_ok; then
    local have want
    have=$(cat "$PG_DATA/PG_VERSION")
    want=$(pg_major "$PG_BIN/postgres")
    [ "$have" = "$want" ] || die "$PG_DATA was created by PostgreSQL $have but $PG_BIN is $want; run '$0 clean' to start afresh"
    return 0
  fi
  # A data dir without PG_VERSION is a half-finished initdb of ours: redo it.
  rm -rf -- "$PG_DATA"
  mkdir -p -- "$PG_DATA" "$PG_SOCK_DIR"
  chmod 700 "$PG_DATA"
  if is_root; then
    chown "$PG_OS_USER" "$PG_DATA" "$PG_SOCK_DIR"
    as_pg test -w "$PG_DATA" || die "user $PG_OS_USER cannot reach $PG_DATA (a parent directory is not searchable by it); set QUERENT_RUN_DIR to a directory it can reach"
  fi
  log "initdb $PG_DATA (owner $PG_OS_USER, $PG_BIN)"
  if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$LOG_DIR/initdb.log" 2>&1; then
    tail -n 20 "$LOG_DIR/initdb.log" >&2 || true
    die "initdb failed (full log: $LOG_DIR/initdb.log)"
  fi
  # Private test cluster: loopback only, trust auth, durability traded for speed.
  cat >>"$PG_DATA/postgresql.conf" <<EOF

# ---- querent local-stack (throwaway test cluster) ----
listen_addresses = '127.0.0.1'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  cat >"$PG_DATA/pg_hba.conf" <<'EOF'
# querent local-stack: loopback only. The postgres superuser is trusted for the script's own
# set-up; every other role must give its password, so wrong credentials fail as in production.
local   all   all                        trust
host    all   postgres   127.0.0.1/32   trust
host    all   postgres   ::1/128        trust
host    all   all        127.0.0.1/32   scram-sha-256
host    all   all        ::1/128        scram-sha-256
EOF
  is_root && chown "$PG_OS_USER" "$PG_DATA/postgresql.conf" "$PG_DATA/pg_hba.conf"
  return 0
}

pg_start() {
  find_pg_bindir
  ensure_pg_os_user
  pg_init
  if pg_running; then
    local recorded
    recorded=$(cat "$RUN_DIR/pg.port" 2>/dev/null || true)
    if [ -n "$recorded" ] && [ "$recorded" != "$PG_PORT" ]; then
      die "the private PostgreSQL is already running on port $recorded (QUERENT_PG_PORT=$PG_PORT); run '$0 down' first"
    fi
    log "postgres already running on 127.0.0.1:$PG_PORT"
  else
    if pg_ready; then
      die "port $PG_PORT already has a PostgreSQL server that this script did not start; set QUERENT_PG_PORT to a free port"
    fi
    port_busy "$PG_PORT" && die "port $PG_PORT (for postgres) is already in use by another process; set QUERENT_PG_PORT to a free port"
    local pglog="$LOG_DIR/postgres.log" sock
    sock=$(pg_sock_dir_setting)
    touch "$pglog"
    if is_root; then chown "$PG_OS_USER" "$pglog"; [ -d "$PG_SOCK_DIR" ] && chown "$PG_OS_USER" "$PG_SOCK_DIR"; fi
    log "starting postgres on 127.0.0.1:$PG_PORT"
    if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$pglog" -w -t "$TIMEOUT" \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$sock'" start >"$LOG_DIR/pg_ctl.log" 2>&1 9>&-; then
      cat "$LOG_DIR/pg_ctl.log" >&2 || true
      tail -n 20 "$pglog" >&2 || true
      die "postgres did not start on port $PG_PORT (log: $pglog)"
    fi
    echo "$PG_PORT" >"$RUN_DIR/pg.port"
  fi
  wait_until "postgres on 127.0.0.1:$PG_PORT (pg_isready)" pg_ready ||
    die "postgres is not accepting connections on 127.0.0.1:$PG_PORT after ${TIMEOUT}s (log: $LOG_DIR/postgres.log)"
  pg_bootstrap_roles
}

pg_bootstrap_roles() {
  local out
  if ! out=$(pg_tool psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres 2>&1 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$PG_DB')\gexec
SQL
  ); then
    printf '%s\n' "$out" >&2
    die "could not create role/database '$PG_USER' in the private cluster"
  fi
}

pg_stop() {
  pg_data_ok || return 0
  find_pg_bindir
  resolve_pg_os_user
  if pg_running; then
    log "stopping postgres"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$TIMEOUT" stop >/dev/null ||
      die "pg_ctl stop failed (log: $LOG_DIR/postgres.log)"
  fi
  rm -f -- "$RUN_DIR/pg.port"
}

# ---------------------------------------------------------------- redis

REDIS_SERVER=""
REDIS_CLI=""
find_redis() {
  [ -n "$REDIS_CLI" ] && return 0
  local tool path
  for tool in redis-server redis-cli; do
    path=$(command -v "$tool" 2>/dev/null || true)
    [ -n "$path" ] || { [ -x "/usr/bin/$tool" ] && path=/usr/bin/$tool; } ||
      die "$tool not found: install redis-server (apt-get install -y redis-server) or run with QUERENT_INSTALL=1"
    if [ "$tool" = redis-server ]; then REDIS_SERVER=$path; else REDIS_CLI=$path; fi
  done
}

redis_ping() {
  find_redis
  [ "$("$REDIS_CLI" -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]
}

# pid from our pidfile, only while it is alive and really a redis-server.
redis_pid() { owned_pid "$REDIS_PIDFILE" redis-server redis-check; }

redis_start() {
  find_redis
  mkdir -p -- "$REDIS_DIR"
  if redis_pid >/dev/null; then
    local recorded
    recorded=$(cat "$RUN_DIR/redis.port" 2>/dev/null || true)
    if [ -n "$recorded" ] && [ "$recorded" != "$REDIS_PORT" ]; then
      die "the private redis is already running on port $recorded (QUERENT_REDIS_PORT=$REDIS_PORT); run '$0 down' first"
    fi
    log "redis already running on 127.0.0.1:$REDIS_PORT"
  else
    rm -f -- "$REDIS_PIDFILE"
    if redis_ping; then
      die "port $REDIS_PORT already has a redis server that this script did not start; set QUERENT_REDIS_PORT to a free port"
    fi
    port_busy "$REDIS_PORT" && die "port $REDIS_PORT (for redis) is already in use by another process; set QUERENT_REDIS_PORT to a free port"
    log "starting redis on 127.0.0.1:$REDIS_PORT"
    "$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync everysec \
      --daemonize yes --pidfile "$REDIS_PIDFILE" --dir "$REDIS_DIR" \
      --logfile "$LOG_DIR/redis.log" >/dev/null 2>&1 9>&- ||
      { tail -n 20 "$LOG_DIR/redis.log" >&2 2>/dev/null || true; die "redis-server failed to start (log: $LOG_DIR/redis.log)"; }
    echo "$REDIS_PORT" >"$RUN_DIR/redis.port"
  fi
  wait_until "redis on 127.0.0.1:$REDIS_PORT (redis-cli ping)" redis_ping ||
    { tail -n 20 "$LOG_DIR/redis.log" >&2 2>/dev/null || true; die "redis is not answering PING on 127.0.0.1:$REDIS_PORT after ${TIMEOUT}s (log: $LOG_DIR/redis.log)"; }
}

redis_stop() {
  local pid port
  pid=$(redis_pid) || { rm -f -- "$REDIS_PIDFILE" "$RUN_DIR/redis.port"; return 0; }
  port=$(cat "$RUN_DIR/redis.port" 2>/dev/null || echo "$REDIS_PORT")
  log "stopping redis (pid $pid)"
  find_redis
  "$REDIS_CLI" -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
  wait_pid_gone "$pid" 10 || { log "redis did not shut down, sending SIGTERM to $pid"; kill -TERM "$pid" 2>/dev/null || true; wait_pid_gone "$pid" 10 || kill -KILL "$pid" 2>/dev/null || true; }
  rm -f -- "$REDIS_PIDFILE" "$RUN_DIR/redis.port"
}

# ---------------------------------------------------------------- mariadb (optional)

# pid from our pidfile, only while it is alive and really mariadbd/mysqld.
mysql_pid() { owned_pid "$MYSQL_PIDFILE" mariadbd mysqld; }

# The first of the named tools on PATH or in /usr/sbin.
mysql_tool() {
  local name
  for name in "$@"; do
    command -v "$name" 2>/dev/null && return 0
    [ -x "/usr/sbin/$name" ] && { printf '/usr/sbin/%s\n' "$name"; return 0; }
  done
  return 1
}

mysql_ready() {
  local admin
  admin=$(mysql_tool mariadb-admin mysqladmin) || return 1
  "$admin" --no-defaults --protocol=TCP -h 127.0.0.1 -P "$MYSQL_PORT" -u root ping >/dev/null 2>&1
}

mysql_start() {
  [ "$WITH_MYSQL" = "1" ] || return 0
  local server install client
  server=$(mysql_tool mariadbd mysqld) || die "mariadbd not found: install mariadb-server (or run with QUERENT_INSTALL=1)"
  install=$(mysql_tool mariadb-install-db mysql_install_db) || die "mariadb-install-db not found: install mariadb-server"
  client=$(mysql_tool mariadb mysql) || die "the mariadb client was not found: install mariadb-client"
  ensure_pg_os_user
  if mysql_pid >/dev/null; then
    log "mariadb already running on 127.0.0.1:$MYSQL_PORT"
  else
    port_busy "$MYSQL_PORT" && die "port $MYSQL_PORT (for mariadb) is already in use by another process; set QUERENT_MYSQL_PORT to a free port"
    if [ ! -d "$MYSQL_DATA/mysql" ]; then
      rm -rf -- "$MYSQL_DATA"
      mkdir -p -- "$MYSQL_DATA"
      is_root && chown "$PG_OS_USER" "$MYSQL_DATA"
      log "mariadb-install-db $MYSQL_DATA"
      "$install" --no-defaults --datadir="$MYSQL_DATA" --user="$PG_OS_USER" --auth-root-authentication-method=normal \
        --skip-test-db >"$LOG_DIR/mariadb-install.log" 2>&1 || { tail -n 20 "$LOG_DIR/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
    fi
    log "starting mariadb on 127.0.0.1:$MYSQL_PORT"
    touch "$LOG_DIR/mariadb.log"
    is_root && chown "$PG_OS_USER" "$LOG_DIR/mariadb.log"
    "$server" --no-defaults --datadir="$MYSQL_DATA" --port="$MYSQL_PORT" --bind-address=127.0.0.1 \
      --socket="$MYSQL_DATA/mysqld.sock" --pid-file="$MYSQL_DATA/mysqld.pid" --log-error="$LOG_DIR/mariadb.log" \
      --skip-name-resolve --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=2 --user="$PG_OS_USER" \
      </dev/null >/dev/null 2>&1 9>&- &
    echo $! >"$MYSQL_PIDFILE"
  fi
  wait_until "mariadb on 127.0.0.1:$MYSQL_PORT (mariadb-admin ping)" mysql_ready ||
    { tail -n 20 "$LOG_DIR/mariadb.log" >&2 2>/dev/null || true; die "mariadb is not answering on 127.0.0.1:$MYSQL_PORT after ${TIMEOUT}s (log: $LOG_DIR/mariadb.log)"; }
  "$client" --no-defaults --protocol=TCP -h 127.0.0.1 -P "$MYSQL_PORT" -u root -e "
    CREATE USER IF NOT EXISTS 'querent'@'127.0.0.1' IDENTIFIED BY 'querent';
    GRANT ALL PRIVILEGES ON *.* TO 'querent'@'127.0.0.1' WITH GRANT OPTION;
    CREATE DATABASE IF NOT EXISTS querent;" >/dev/null || die "could not create the querent user in the private mariadb"
}

mysql_stop() {
  local pid
  pid=$(mysql_pid) || { rm -f -- "$MYSQL_PIDFILE"; return 0; }
  log "stopping mariadb (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  wait_pid_gone "$pid" 30 || kill -KILL "$pid" 2>/dev/null || true
  rm -f -- "$MYSQL_PIDFILE"
}

# ---------------------------------------------------------------- secrets

ensure_secrets() {
  mkdir -p -- "$RUN_DIR"
  if [ -z "${QUERENT_SECRET_KEY:-}" ]; then
    if [ ! -s "$RUN_DIR/secret_key" ]; then
      (umask 077; head -c 32 /dev/urandom | base64 | tr -d '\n' >"$RUN_DIR/secret_key")
    fi
    QUERENT_SECRET_KEY=$(cat "$RUN_DIR/secret_key")
  fi
  if [ -z "${QUERENT_JWT_SECRET:-}" ]; then
    if [ ! -s "$RUN_DIR/jwt_secret" ]; then
      (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n' >"$RUN_DIR/jwt_secret")
    fi
    QUERENT_JWT_SECRET=$(cat "$RUN_DIR/jwt_secret")
  fi
}

metadata_url() { printf 'postgres://%s:%s@127.0.0.1:%s/%s' "$PG_USER" "$PG_PASSWORD" "$PG_PORT" "$PG_DB"; }
redis_url() { printf 'redis://127.0.0.1:%s' "$REDIS_PORT"; }

# ---------------------------------------------------------------- services

# name|executable|port, one per line
service_specs() {
  printf 'schema-service|schema-service|%s\n' "$SCHEMA_PORT"
  local i
  for ((i = 0; i < TRAINERS; i++)); do
    printf 'trainer-service-%d|trainer-service|%d\n' "$((i + 1))" "$((TRAINER_PORT + 100 * i))"
  done
  printf 'query-service|query-service|%s\n' "$QUERY_PORT"
}

# Specs of services that have a pid file (whatever QUERENT_TRAINERS is now).
recorded_services() {
  local f
  for f in "$PID_DIR"/*.pid; do
    [ -e "$f" ] || continue
    basename -- "$f" .pid
  done
}

# pid of a service we started, only while it is alive and still that executable.
service_pid() {
  local name=$1 pid exe
  [ -s "$PID_DIR/$name.pid" ] || return 1
  pid=$(cat "$PID_DIR/$name.pid")
  is_uint "$pid" || return 1
  alive "$pid" || return 1
  exe=$(cat "$PID_DIR/$name.exe" 2>/dev/null || true)
  if [ -n "$exe" ] && [ -r "/proc/$pid/cmdline" ]; then
    # any argv element: right after the start the process may still be the
    # env/setsid wrapper that is about to exec the executable.
    tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "$exe" || return 1
  fi
  printf '%s' "$pid"
}

http_ok() {
  local url=$1
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null
  else
    # bash /dev/tcp fallback: http://host:port/path
    local rest=${url#http://} hostport path host port status
    hostport=${rest%%/*}
    path=/${rest#*/}
    host=${hostport%%:*}
    port=${hostport##*:}
    status=$(timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port && printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' '$path' '$host' >&3 && head -n1 <&3" 2>/dev/null || true)
    case "$status" in *" 200 "* | *" 200"$'\r') return 0 ;; *) return 1 ;; esac
  fi
}

# The setting that moves an executable's port, for error messages.
port_setting() {
  case "$1" in
    schema-service) echo QUERENT_SCHEMA_PORT ;;
    trainer-service) echo "QUERENT_TRAINER_PORT (replica i listens on it + 100*i)" ;;
    query-service) echo QUERENT_QUERY_PORT ;;
    *) echo "the port setting" ;;
  esac
}

port_busy() {
  local port=$1
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

services_start() {
  ensure_secrets
  mkdir -p -- "$PID_DIR"
  local specs name exe port bin pid started=()
  specs=$(service_specs)
  while IFS='|' read -r name exe port; do
    bin="$BIN_DIR/$exe"
    [ -x "$bin" ] || die "$bin not found: build it first (swift build --product $exe), or set QUERENT_BIN"
    if pid=$(service_pid "$name"); then
      log "$name already running (pid $pid, port $port)"
      continue
    fi
    rm -f -- "$PID_DIR/$name.pid" "$PID_DIR/$name.exe" "$PID_DIR/$name.port"
    port_busy "$port" && die "port $port (for $name) is already in use by another process; set $(port_setting "$exe") to a free port"
    local extra_env=()
    if [ "$exe" = trainer-service ]; then
      extra_env+=("QUERENT_TRAINER_NAME=${QUERENT_TRAINER_NAME_PREFIX:-local}-$name")
    fi
    log "starting $name on 127.0.0.1:$port (log: $LOG_DIR/$name.log)"
    printf "==== %s local-stack: starting %s on port %s\n" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" "$port" >>"$LOG_DIR/$name.log"
    # setsid: detached from the caller's terminal / process group; the pid we
    # record is the service itself (setsid execs it directly here).
    env \
      QUERENT_METADATA_URL="$(metadata_url)" \
      REDIS_URL="$(redis_url)" \
      QUERENT_SECRET_KEY="$QUERENT_SECRET_KEY" \
      QUERENT_JWT_SECRET="$QUERENT_JWT_SECRET" \
      LOG_LEVEL="${LOG_LEVEL:-info}" \
      ${extra_env[@]+"${extra_env[@]}"} \
      setsid "$bin" --hostname 127.0.0.1 --port "$port" --log-level "${LOG_LEVEL:-info}" \
      </dev/null >>"$LOG_DIR/$name.log" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$PID_DIR/$name.pid"
    echo "$bin" >"$PID_DIR/$name.exe"
    echo "$port" >"$PID_DIR/$name.port"
    started+=("$name|$port")
  done <<<"$specs"

  while IFS='|' read -r name exe port; do
    local deadline=$((SECONDS + TIMEOUT))
    until http_ok "http://127.0.0.1:$port/health/ready"; do
      if ! service_pid "$name" >/dev/null; then
        tail -n 30 "$LOG_DIR/$name.log" >&2 2>/dev/null || true
        die "$name exited before becoming ready (log: $LOG_DIR/$name.log)"
      fi
      if [ "$SECONDS" -ge "$deadline" ]; then
        tail -n 30 "$LOG_DIR/$name.log" >&2 2>/dev/null || true
        die "$name did not answer /health/ready on 127.0.0.1:$port within ${TIMEOUT}s (log: $LOG_DIR/$name.log)"
      fi
      sleep 0.5
    done
    log "$name ready on 127.0.0.1:$port"
  done <<<"$specs"
}

# Stops one service we started (SIGTERM, then SIGKILL after 20 s) and forgets it.
service_stop() {
  local name=$1 pid
  if pid=$(service_pid "$name"); then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_pid_gone "$pid" 20; then
      log "$name did not exit after SIGTERM, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_pid_gone "$pid" 5 || true
    fi
  fi
  rm -f -- "$PID_DIR/$name.pid" "$PID_DIR/$name.exe" "$PID_DIR/$name.port"
}

services_stop() {
  local name
  for name in $(recorded_services); do service_stop "$name"; done
}

# ---------------------------------------------------------------- gateway (nginx)

NGINX_BIN=""
find_nginx() {
  [ -n "$NGINX_BIN" ] && return 0
  local candidate
  for candidate in "${QUERENT_NGINX:-}" "$(command -v nginx 2>/dev/null || true)" /usr/sbin/nginx; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      NGINX_BIN=$candidate
      return 0
    fi
  done
  die "nginx not found: install it (apt-get install -y nginx, or run with QUERENT_INSTALL=1), set QUERENT_NGINX, or start without the gateway (QUERENT_STACK_GATEWAY=0)"
}

# pid of the nginx master we started, only while it is alive and still nginx.
gateway_pid() { owned_pid "$NGINX_PIDFILE" nginx; }

# Writes the per-stack includes of deploy/nginx/nginx.conf: the upstream addresses of this
# stack's services (every trainer replica), temp paths inside the prefix, and the listen
# port. Returns 0 when a file changed.
gateway_write_includes() {
  local i trainers="" tmp="$NGINX_DIR/tmp"
  for ((i = 0; i < TRAINERS; i++)); do
    trainers+="    server 127.0.0.1:$((TRAINER_PORT + 100 * i)) max_fails=1 fail_timeout=5s;"$'\n'
  done
  [ -n "$trainers" ] || trainers="    server 127.0.0.1:$TRAINER_PORT;"$'\n'
  cat >"$NGINX_DIR/querent-upstreams.conf.new" <<CONF
# Generated by deploy/local-stack.sh: upstream addresses of the native stack, for
# deploy/nginx/nginx.conf (http context). Do not edit; rerun \`local-stack.sh start\`.
upstream querent_schema {
    server 127.0.0.1:$SCHEMA_PORT;
    keepalive 8;
}
upstream querent_trainer {
$trainers    keepalive 8;
}
upstream querent_query {
    server 127.0.0.1:$QUERY_PORT;
    keepalive 8;
}
map \$host \$schema_service  { default http://querent_schema; }
map \$host \$trainer_service { default http://querent_trainer; }
map \$host \$query_service   { default http://querent_query; }

client_body_temp_path $tmp/client_body;
proxy_temp_path       $tmp/proxy;
fastcgi_temp_path     $tmp/fastcgi;
uwsgi_temp_path       $tmp/uwsgi;
scgi_temp_path        $tmp/scgi;
CONF
  printf '# Generated by deploy/local-stack.sh (QUERENT_GATEWAY_PORT).\nlisten 127.0.0.1:%s;\n' "$GATEWAY_PORT" >"$NGINX_DIR/querent-listen.conf.new"
  local changed=1 f
  for f in querent-upstreams.conf querent-listen.conf; do
    if [ -f "$NGINX_DIR/$f" ] && cmp -s "$NGINX_DIR/$f.new" "$NGINX_DIR/$f"; then
      rm -f -- "$NGINX_DIR/$f.new"
    else
      mv -f -- "$NGINX_DIR/$f.new" "$NGINX_DIR/$f"
      changed=0
    fi
  done
  # nginx resolves relative includes against the directory of the -c file: this symlink
  # makes deploy/nginx/nginx.conf pick up the two files above.
  ln -sfn -- "$GATEWAY_CONF" "$NGINX_DIR/nginx.conf"
  return "$changed"
}

NGINX_USER=nobody
NGINX_GROUP=nogroup

# nginx -g: the main-context settings of this stack: in the foreground (this script
# keeps its pid), a private pid file, and as root unprivileged workers.
gateway_globals() {
  local g="daemon off; pid $NGINX_PIDFILE;"
  if is_root; then g+=" user $NGINX_USER $NGINX_GROUP;"; fi
  printf '%s' "$g"
}

gateway_prepare() {
  [ -n "$NGINX_DIR" ] || die "internal: NGINX_DIR is empty"
  local d
  for d in client_body proxy fastcgi uwsgi scgi; do mkdir -p -- "$NGINX_DIR/tmp/$d"; done
  if is_root; then
    id -u "$NGINX_USER" >/dev/null 2>&1 || NGINX_USER=root
    getent group "$NGINX_GROUP" >/dev/null 2>&1 || NGINX_GROUP=$(id -gn "$NGINX_USER")
    chown -R "$NGINX_USER:$NGINX_GROUP" "$NGINX_DIR/tmp"
  fi
}

gateway_nginx() {
  "$NGINX_BIN" -e stderr -p "$NGINX_DIR/" -c "$NGINX_DIR/nginx.conf" -g "$(gateway_globals)" "$@"
}

gateway_start() {
  find_nginx
  [ -f "$GATEWAY_CONF" ] || die "$GATEWAY_CONF not found"
  gateway_prepare
  local changed=1 pid log="$LOG_DIR/gateway.log"
  gateway_write_includes && changed=0
  if ! gateway_nginx -t >"$LOG_DIR/gateway-configtest.log" 2>&1; then
    cat "$LOG_DIR/gateway-configtest.log" >&2
    die "the gateway configuration does not load (nginx -t; log: $LOG_DIR/gateway-configtest.log)"
  fi
  if pid=$(gateway_pid); then
    local recorded
    recorded=$(cat "$RUN_DIR/gateway.port" 2>/dev/null || true)
    if [ -n "$recorded" ] && [ "$recorded" != "$GATEWAY_PORT" ]; then
      die "the gateway is already running on port $recorded (QUERENT_GATEWAY_PORT=$GATEWAY_PORT); run '$0 stop' first"
    fi
    if [ "$changed" = 0 ]; then
      log "gateway running (pid $pid): reloading its configuration"
      kill -HUP "$pid"
    else
      log "gateway already running on 127.0.0.1:$GATEWAY_PORT (pid $pid)"
    fi
  else
    rm -f -- "$NGINX_PIDFILE" "$RUN_DIR/gateway.port"
    port_busy "$GATEWAY_PORT" && die "port $GATEWAY_PORT (for the gateway) is already in use by another process; set QUERENT_GATEWAY_PORT to a free port"
    log "starting the gateway (nginx, $GATEWAY_CONF) on 127.0.0.1:$GATEWAY_PORT (log: $log)"
    printf "==== %s local-stack: starting gateway on port %s\n" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$GATEWAY_PORT" >>"$log"
    # setsid: detached from the caller's process group; nginx itself writes the pid file.
    setsid "$NGINX_BIN" -e stderr -p "$NGINX_DIR/" -c "$NGINX_DIR/nginx.conf" -g "$(gateway_globals)" \
      </dev/null >>"$log" 2>&1 9>&- &
    echo "$GATEWAY_PORT" >"$RUN_DIR/gateway.port"
  fi
  local deadline=$((SECONDS + TIMEOUT))
  until gateway_pid >/dev/null && http_ok "http://127.0.0.1:$GATEWAY_PORT/health"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 30 "$log" >&2 2>/dev/null || true
      die "the gateway did not answer /health on 127.0.0.1:$GATEWAY_PORT within ${TIMEOUT}s (log: $log)"
    fi
    sleep 0.25
  done
  log "gateway ready on http://127.0.0.1:$GATEWAY_PORT"
}

gateway_stop() {
  local pid
  if pid=$(gateway_pid); then
    log "stopping the gateway (pid $pid)"
    kill -QUIT "$pid" 2>/dev/null || true
    if ! wait_pid_gone "$pid" 10; then
      kill -TERM "$pid" 2>/dev/null || true
      wait_pid_gone "$pid" 5 || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f -- "$NGINX_PIDFILE" "$RUN_DIR/gateway.port"
}

# ---------------------------------------------------------------- helpers

wait_until() {
  local what=$1
  shift
  local deadline=$((SECONDS + TIMEOUT)) said=0
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    if [ "$said" = 0 ]; then log "waiting for $what (up to ${TIMEOUT}s)"; said=1; fi
    sleep 0.25
  done
  return 0
}

# A pid is alive when it exists and is not a zombie (an exited daemon whose
# new parent, e.g. a container's PID 1, has not reaped it yet).
# The pid in PIDFILE, printed only while that process is alive and its command name starts
# with one of the given prefixes (so a reused pid is never taken for ours).
owned_pid() {
  local pidfile=$1 pid comm prefix
  shift
  [ -s "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  is_uint "$pid" || return 1
  alive "$pid" || return 1
  comm=$(ps -o comm= -p "$pid" 2>/dev/null || true)
  for prefix in "$@"; do
    case "$comm" in "$prefix"*) printf '%s' "$pid"; return 0 ;; esac
  done
  return 1
}

alive() {
  local pid=$1 stat
  kill -0 "$pid" 2>/dev/null || return 1
  stat=$(ps -o stat= -p "$pid" 2>/dev/null || true)
  case "$stat" in Z* | '') return 1 ;; *) return 0 ;; esac
}

wait_pid_gone() {
  local pid=$1 secs=$2 i
  for ((i = 0; i < secs * 10; i++)); do
    alive "$pid" || return 0
    sleep 0.1
  done
  ! alive "$pid"
}

prepare_dirs() {
  mkdir -p -- "$RUN_DIR" "$LOG_DIR" "$PID_DIR" "$REDIS_DIR"
  # deploy/.run is git-ignored by the repository; keep it ignored even if copied elsewhere.
  [ -e "$RUN_DIR/.gitignore" ] || echo '*' >"$RUN_DIR/.gitignore"
}

# Serialise concurrent invocations (parallel test processes calling `up`).
# fd 9 holds the lock; every long-lived process is started with 9>&- so the
# daemons do not inherit (and keep holding) it.
take_lock() {
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$RUN_DIR/.lock"
  flock -w "$((TIMEOUT * 3))" 9 || die "another local-stack.sh is still running (lock $RUN_DIR/.lock)"
}

# ---------------------------------------------------------------- commands

# Refuses before starting anything when a port this run needs is held by a process this
# script did not start.
preflight_ports() {
  local busy=() name exe port
  if ! { pg_data_ok && pg_running; }; then
    port_busy "$PG_PORT" && busy+=("$PG_PORT (postgres; QUERENT_PG_PORT)")
  fi
  if ! redis_pid >/dev/null; then
    port_busy "$REDIS_PORT" && busy+=("$REDIS_PORT (redis; QUERENT_REDIS_PORT)")
  fi
  if [ "$WITH_SERVICES" = "1" ]; then
    while IFS='|' read -r name exe port; do
      service_pid "$name" >/dev/null && continue
      port_busy "$port" && busy+=("$port ($name; $(port_setting "$exe"))")
    done <<<"$(service_specs)"
    if [ "$WITH_GATEWAY" = "1" ] && ! gateway_pid >/dev/null; then
      port_busy "$GATEWAY_PORT" && busy+=("$GATEWAY_PORT (gateway; QUERENT_GATEWAY_PORT)")
    fi
  fi
  if [ ${#busy[@]} -gt 0 ]; then
    local item
    for item in "${busy[@]}"; do log "port $item is already in use by a process this script did not start"; done
    die "refusing to start: ${#busy[@]} port(s) taken; free them or move the stack with the settings named above"
  fi
}

cmd_up() {
  validate_settings
  ensure_packages
  prepare_dirs
  take_lock
  preflight_ports
  pg_start
  redis_start
  mysql_start
  if [ "$WITH_SERVICES" = "1" ]; then
    services_start
    if [ "$WITH_GATEWAY" = "1" ]; then
      gateway_start
    fi
  fi
  log "up: postgres 127.0.0.1:$PG_PORT (db $PG_DB, user $PG_USER), redis 127.0.0.1:$REDIS_PORT$([ "$WITH_SERVICES" = 1 ] && printf ', services: schema %s, trainer x%s, query %s' "$SCHEMA_PORT" "$TRAINERS" "$QUERY_PORT")$([ "$WITH_SERVICES" = 1 ] && [ "$WITH_GATEWAY" = 1 ] && printf ', gateway http://127.0.0.1:%s' "$GATEWAY_PORT")"
  log "logs: $LOG_DIR"
  log "eval \"\$(bash ${BASH_SOURCE[0]} env)\" to export the connection settings"
}

cmd_down() {
  [ -d "$RUN_DIR" ] || { log "down: nothing to stop"; return 0; }
  take_lock
  gateway_stop
  services_stop
  redis_stop
  mysql_stop
  pg_stop
  log "down: stopped"
}

# `stop NAME...`: stops only the named components, leaving the rest running.
cmd_stop_components() {
  [ -d "$RUN_DIR" ] || { log "stop: nothing to stop"; return 0; }
  validate_settings
  take_lock
  local name
  for name in "$@"; do
    case "$name" in
      postgres) pg_stop ;;
      redis) redis_stop ;;
      mariadb | mysql) mysql_stop ;;
      gateway) gateway_stop ;;
      *)
        [ -e "$PID_DIR/$name.pid" ] || die "unknown component: $name (postgres, redis, gateway, or one of: $(recorded_services | tr '\n' ' '))"
        service_stop "$name"
        ;;
    esac
  done
}

cmd_status() {
  validate_settings
  local ok=0 name pid port
  if pg_data_ok && pg_running && pg_ready; then
    printf 'postgres      running  127.0.0.1:%s  data %s\n' "$(cat "$RUN_DIR/pg.port" 2>/dev/null || echo "$PG_PORT")" "$PG_DATA"
  else
    printf 'postgres      stopped\n'
    ok=1
  fi
  if pid=$(redis_pid) && redis_ping; then
    printf 'redis         running  127.0.0.1:%s  pid %s\n' "$REDIS_PORT" "$pid"
  else
    printf 'redis         stopped\n'
    ok=1
  fi
  if pid=$(mysql_pid); then
    if mysql_ready; then
      printf 'mariadb       running  127.0.0.1:%s  pid %s\n' "$MYSQL_PORT" "$pid"
    else
      printf 'mariadb       running  127.0.0.1:%s  pid %s (not answering)\n' "$MYSQL_PORT" "$pid"
      ok=1
    fi
  elif [ "$WITH_MYSQL" = "1" ]; then
    printf 'mariadb       stopped\n'
    ok=1
  fi
  local seen=0
  for name in $(recorded_services); do
    seen=1
    port=$(cat "$PID_DIR/$name.port" 2>/dev/null || echo '?')
    if pid=$(service_pid "$name"); then
      if http_ok "http://127.0.0.1:$port/health/ready"; then
        printf '%-20s ready    127.0.0.1:%s  pid %s\n' "$name" "$port" "$pid"
      else
        printf '%-20s running  127.0.0.1:%s  pid %s (not ready)\n' "$name" "$port" "$pid"
        ok=1
      fi
    else
      printf '%-20s dead     (stale pid file; see %s/%s.log)\n' "$name" "$LOG_DIR" "$name"
      ok=1
    fi
  done
  if [ "$WITH_SERVICES" = "1" ] && [ "$seen" = 0 ]; then
    printf 'services      stopped\n'
    ok=1
  fi
  if pid=$(gateway_pid); then
    port=$(cat "$RUN_DIR/gateway.port" 2>/dev/null || echo "$GATEWAY_PORT")
    if http_ok "http://127.0.0.1:$port/health"; then
      printf '%-20s ready    http://127.0.0.1:%s  pid %s\n' gateway "$port" "$pid"
    else
      printf '%-20s running  127.0.0.1:%s  pid %s (not answering)\n' gateway "$port" "$pid"
      ok=1
    fi
  elif [ -s "$RUN_DIR/gateway.port" ]; then
    printf '%-20s dead     (see %s/gateway.log)\n' gateway "$LOG_DIR"
    ok=1
  elif [ "$WITH_SERVICES" = "1" ] && [ "$WITH_GATEWAY" = "1" ]; then
    printf 'gateway       stopped\n'
    ok=1
  fi
  printf 'logs          %s\n' "$LOG_DIR"
  return "$ok"
}

cmd_env() {
  validate_settings
  local pg_port=$PG_PORT redis_port=$REDIS_PORT
  # Report the ports actually in use when the stack is up.
  [ -s "$RUN_DIR/pg.port" ] && pg_port=$(cat "$RUN_DIR/pg.port")
  [ -s "$RUN_DIR/redis.port" ] && redis_port=$(cat "$RUN_DIR/redis.port")
  PG_PORT=$pg_port
  REDIS_PORT=$redis_port
  ensure_secrets
  cat <<EOF
export POSTGRES_HOSTNAME=127.0.0.1
export POSTGRES_PORT=$PG_PORT
export POSTGRES_USER=$PG_USER
export POSTGRES_PASSWORD=$PG_PASSWORD
export POSTGRES_DB=$PG_DB
export QUERENT_TEST_POSTGRES_URL=$(metadata_url)
export REDIS_HOSTNAME=127.0.0.1
export REDIS_PORT=$REDIS_PORT
export REDIS_URL=$(redis_url)
export QUERENT_METADATA_URL=$(metadata_url)
export QUERENT_SECRET_KEY=$(printf '%q' "$QUERENT_SECRET_KEY")
export QUERENT_JWT_SECRET=$(printf '%q' "$QUERENT_JWT_SECRET")
export QUERENT_SCHEMA_SERVICE_URL=http://127.0.0.1:$SCHEMA_PORT
export QUERENT_TRAINER_SERVICE_URL=http://127.0.0.1:$TRAINER_PORT
export QUERENT_QUERY_SERVICE_URL=http://127.0.0.1:$QUERY_PORT
export QUERENT_GATEWAY_URL=http://127.0.0.1:$(cat "$RUN_DIR/gateway.port" 2>/dev/null || echo "$GATEWAY_PORT")
EOF
  if mysql_pid >/dev/null; then
    printf 'export QUERENT_TEST_MYSQL_URL=mysql://querent:querent@127.0.0.1:%s/querent\n' "$MYSQL_PORT"
  fi
}

cmd_clean() {
  cmd_down
  exec 9>&- 2>/dev/null || true
  log "removing $RUN_DIR"
  rm -rf -- "$RUN_DIR"
}

usage() {
  awk 'NR > 1 && !/^#/ { exit } NR > 1' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
  local cmd=${1:-up}
  case "$cmd" in
    start)
      WITH_SERVICES=${QUERENT_STACK_SERVICES:-1}
      cmd_up
      ;;
    up) cmd_up ;;
    down) cmd_down ;;
    stop)
      if [ $# -gt 1 ]; then cmd_stop_components "${@:2}"; else cmd_down; fi
      ;;
    status) cmd_status ;;
    env) cmd_env ;;
    clean) cmd_clean ;;
    -h | --help | help) usage ;;
    *) usage >&2; die "unknown command: $cmd" ;;
  esac
}

main "$@"
