/* sqlite_workload.c: a SQL workload for checking heap2stack on real code.
 * Built against the SQLite amalgamation (see sqlite.sh), it creates tables,
 * inserts generated rows inside and outside transactions, builds indexes,
 * runs point and range queries, joins, aggregates, window functions, CTEs,
 * updates, deletes, savepoints with rollback, string functions, JSON, blobs
 * and an in-memory database attached beside the main one. Every result row
 * is printed (and hashed) in a deterministic order, so two builds of SQLite
 * can be compared with cmp. No pointer value is printed. */
#include "sqlite3.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long hash = 1469598103934665603ULL;
static long rows_seen;

static void mix(const char *s) {
  for (; *s; s++)
    hash = (hash ^ (unsigned char)*s) * 1099511628211ULL;
  hash = (hash ^ 0xff) * 1099511628211ULL;
}

/* Prints up to `show` rows of every result, hashes all of them. */
static int show_rows;
static int row_cb(void *tag, int n, char **vals, char **names) {
  (void)names;
  rows_seen++;
  for (int i = 0; i < n; i++)
    mix(vals[i] ? vals[i] : "NULL");
  if (show_rows-- > 0) {
    printf("  %s:", (const char *)tag);
    for (int i = 0; i < n; i++)
      printf(" %s", vals[i] ? vals[i] : "NULL");
    printf("\n");
  }
  return 0;
}

static void exec(sqlite3 *db, const char *tag, const char *sql, int show) {
  char *err = NULL;
  show_rows = show;
  if (sqlite3_exec(db, sql, row_cb, (void *)tag, &err) != SQLITE_OK) {
    printf("error in %s: %s\n", tag, err ? err : "?");
    sqlite3_free(err);
    exit(1);
  }
}

/* A deterministic pseudo-random sequence (no libc rand: its sequence is not
 * the same everywhere). */
static unsigned long long rng = 88172645463325252ULL;
static unsigned long long next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static void insert_people(sqlite3 *db, int n) {
  static const char *first[] = {"ada", "alan", "grace", "edsger", "barbara",
                                "ken", "dennis", "john", "frances", "donald"};
  static const char *city[] = {"paris", "london", "berlin", "rome", "oslo",
                               "lisbon", "vienna"};
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO people(name, age, city, score, note) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)",
                         -1, &st, NULL) != SQLITE_OK) {
    printf("prepare: %s\n", sqlite3_errmsg(db));
    exit(1);
  }
  static int serial;
  char name[64], note[200];
  for (int i = 0; i < n; i++, serial++) {
    unsigned long long r = next();
    snprintf(name, sizeof name, "%s_%d", first[r % 10], serial);
    int len = (int)((r >> 20) % 150);
    for (int k = 0; k < len; k++)
      note[k] = (char)('a' + (r >> (k % 40)) % 26);
    note[len] = 0;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, 18 + (int)((r >> 8) % 60));
    sqlite3_bind_text(st, 3, city[(r >> 16) % 7], -1, SQLITE_STATIC);
    sqlite3_bind_double(st, 4, (double)((r >> 24) % 10000) / 100.0);
    if (i % 13 == 0)
      sqlite3_bind_null(st, 5);
    else
      sqlite3_bind_text(st, 5, note, len, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) {
      printf("insert: %s\n", sqlite3_errmsg(db));
      exit(1);
    }
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
}

static void insert_orders(sqlite3 *db, int n, int people) {
  sqlite3_stmt *st;
  sqlite3_prepare_v2(db,
                     "INSERT INTO orders(person, item, qty, price, data) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)",
                     -1, &st, NULL);
  unsigned char blob[64];
  for (int i = 0; i < n; i++) {
    unsigned long long r = next();
    for (int k = 0; k < 64; k++)
      blob[k] = (unsigned char)(r >> (k % 56));
    sqlite3_bind_int(st, 1, 1 + (int)(r % (unsigned)people));
    sqlite3_bind_int(st, 2, (int)((r >> 12) % 50));
    sqlite3_bind_int(st, 3, 1 + (int)((r >> 20) % 9));
    sqlite3_bind_double(st, 4, (double)((r >> 28) % 5000) / 10.0);
    sqlite3_bind_blob(st, 5, blob, 1 + (int)((r >> 40) % 64), SQLITE_TRANSIENT);
    sqlite3_step(st);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : 1;
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK)
    return 1;
  printf("sqlite %s\n", sqlite3_libversion());

  exec(db, "schema",
       "CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
       "age INT, city TEXT, score REAL, note TEXT);"
       "CREATE TABLE orders(id INTEGER PRIMARY KEY, person INT REFERENCES "
       "people(id), item INT, qty INT, price REAL, data BLOB);"
       "CREATE TABLE items(id INTEGER PRIMARY KEY, label TEXT, weight REAL);",
       0);

  /* Rows outside and inside transactions. */
  insert_people(db, 200 * scale);
  exec(db, "begin", "BEGIN", 0);
  insert_people(db, 800 * scale);
  insert_orders(db, 4000 * scale, 1000 * scale);
  exec(db, "commit", "COMMIT", 0);
  exec(db, "items",
       "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n "
       "WHERE i < 49) INSERT INTO items SELECT i, 'item-' || i || '-' || "
       "hex(zeroblob(i % 3)), (i * 37 % 101) / 7.0 FROM n",
       0);

  /* Queries before and after the indexes exist: same answers. */
  for (int pass = 0; pass < 2; pass++) {
    printf("pass %d\n", pass);
    exec(db, "count", "SELECT count(*), sum(age), round(avg(score), 3) FROM people", 5);
    exec(db, "point", "SELECT id, name, age, city FROM people WHERE id IN (1, 17, 500, 999)", 10);
    exec(db, "range",
         "SELECT id, name FROM people WHERE age BETWEEN 30 AND 33 AND city = "
         "'oslo' ORDER BY id LIMIT 8",
         8);
    exec(db, "group",
         "SELECT city, count(*), min(age), max(age), round(sum(score), 2) "
         "FROM people GROUP BY city ORDER BY city",
         10);
    exec(db, "join",
         "SELECT p.city, count(o.id), sum(o.qty), round(sum(o.qty * o.price), 2) "
         "FROM people p JOIN orders o ON o.person = p.id GROUP BY p.city "
         "ORDER BY 4 DESC",
         10);
    exec(db, "join3",
         "SELECT i.label, count(*), round(avg(o.price), 2) FROM orders o "
         "JOIN items i ON i.id = o.item JOIN people p ON p.id = o.person "
         "WHERE p.age > 60 GROUP BY i.id ORDER BY 2 DESC, 1 LIMIT 5",
         5);
    exec(db, "left",
         "SELECT count(*) FROM people p LEFT JOIN orders o ON o.person = p.id "
         "WHERE o.id IS NULL",
         5);
    exec(db, "window",
         "SELECT name, city, score, rank() OVER (PARTITION BY city ORDER BY "
         "score DESC, id) AS r FROM people ORDER BY city, r LIMIT 12",
         12);
    exec(db, "string",
         "SELECT upper(substr(name, 1, 3)), length(note), instr(note, 'ab'), "
         "replace(city, 'o', '0') FROM people WHERE id % 97 = 0 ORDER BY id",
         12);
    exec(db, "like",
         "SELECT count(*) FROM people WHERE note LIKE '%abc%' OR name GLOB 'g*'", 5);
    exec(db, "blob",
         "SELECT length(data), hex(substr(data, 1, 4)) FROM orders WHERE id % "
         "500 = 1 ORDER BY id",
         10);
    exec(db, "json",
         "SELECT json_object('city', city, 'n', count(*), 'ages', "
         "json_group_array(age)) FROM (SELECT city, age FROM people WHERE id "
         "< 40 ORDER BY id) GROUP BY city ORDER BY city",
         8);
    exec(db, "cte",
         "WITH big AS (SELECT person, sum(qty * price) AS t FROM orders GROUP "
         "BY person) SELECT p.name, round(b.t, 2) FROM big b JOIN people p ON "
         "p.id = b.person ORDER BY b.t DESC, p.id LIMIT 5",
         5);
    exec(db, "distinct", "SELECT count(DISTINCT item), count(DISTINCT person) FROM orders", 5);
    exec(db, "subquery",
         "SELECT count(*) FROM people WHERE score > (SELECT avg(score) FROM "
         "people) AND id IN (SELECT person FROM orders WHERE qty > 7)",
         5);
    exec(db, "sort", "SELECT note FROM people WHERE note IS NOT NULL ORDER BY note DESC LIMIT 3", 3);
    if (pass == 0)
      exec(db, "index",
           "CREATE INDEX people_city_age ON people(city, age);"
           "CREATE INDEX orders_person ON orders(person);"
           "CREATE UNIQUE INDEX people_name ON people(name);"
           "CREATE INDEX people_note ON people(note) WHERE note IS NOT NULL;"
           "ANALYZE",
           0);
  }

  /* Updates, deletes, savepoints, rollback. */
  exec(db, "update", "UPDATE people SET score = score * 1.5 WHERE city = 'rome'", 0);
  exec(db, "delete", "DELETE FROM orders WHERE qty = 1 AND price < 100", 0);
  exec(db, "after", "SELECT changes(), total_changes() > 0, count(*) FROM orders", 5);
  exec(db, "savepoint",
       "BEGIN; SAVEPOINT a; DELETE FROM people WHERE age < 40; "
       "SAVEPOINT b; UPDATE people SET name = name || '!'; ROLLBACK TO b; "
       "RELEASE a; SELECT count(*) FROM people; ROLLBACK",
       5);
  exec(db, "rolledback", "SELECT count(*), sum(length(name)) FROM people", 5);

  /* A second database, a view, a trigger, and a vacuum. */
  exec(db, "attach",
       "ATTACH ':memory:' AS aux; CREATE TABLE aux.copy AS SELECT id, name, "
       "city FROM people WHERE id % 3 = 0; CREATE TEMP VIEW v AS SELECT "
       "city, count(*) c FROM aux.copy GROUP BY city;"
       "CREATE TEMP TABLE log(msg TEXT); CREATE TEMP TRIGGER t AFTER DELETE "
       "ON aux.copy BEGIN INSERT INTO log VALUES ('gone ' || old.name); END;"
       "DELETE FROM aux.copy WHERE id % 9 = 0",
       0);
  exec(db, "view", "SELECT * FROM v ORDER BY city", 10);
  exec(db, "trigger", "SELECT count(*), min(msg), max(msg) FROM log", 5);
  exec(db, "vacuum", "VACUUM", 0);
  exec(db, "integrity", "PRAGMA integrity_check", 5);

  sqlite3_close(db);
  printf("rows %ld hash %016llx\n", rows_seen, hash);
  return 0;
}
