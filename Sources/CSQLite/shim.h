/* CSQLite: the system SQLite (libsqlite3-dev). Debian builds it with the session extension;
   the two defines only make its declarations visible (staged imports, Changeset.swift). */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
