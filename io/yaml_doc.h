/* YAML documents as trees of nodes that remember where they were written,
 * and the field readers the schema readers (yaml_service.c, yaml_month.c)
 * share.
 *
 * yaml_doc.c is the only file that includes yaml.h: it drives libyaml's
 * event parser and builds the tree itself, so that every node keeps its
 * line and column and the input limits (depth, size, anchors) are enforced
 * in one place. No YAML type resolution happens here: every scalar stays
 * text, and the field readers decide what it must look like. */
#ifndef MR_IO_YAML_DOC_H
#define MR_IO_YAML_DOC_H

#include <stddef.h>

#include "load.h"

enum io_ykind { IO_YSCALAR, IO_YSEQ, IO_YMAP };

typedef struct io_ynode io_ynode;
struct io_ynode {
    int        kind;       /* enum io_ykind */
    int        line, col;  /* 1-based */
    int        plain;      /* scalar written without quotes (may be null) */
    char      *text;       /* scalar: the text, NUL-terminated */
    io_ynode **items;      /* sequence: the items; mapping: key, value, ... */
    int        n_items;    /* for a mapping twice the number of pairs */
    int        cap_items;
};

/* Parses buf (len bytes, a whole file) into a tree. On MR_OK *out is the
 * root, or NULL for a file with no document (empty, or comments only); the
 * caller frees it with io_ynode_free(). Syntax errors, non-UTF-8 text and
 * broken limits (IO_MAX_*, anchors and aliases) are reported to c and give
 * MR_EINVAL with *out NULL: all of them are reported when the parser can go
 * on. MR_ENOMEM when memory runs out. */
int  io_yaml_parse(io_ctx *c, const char *buf, size_t len, io_ynode **out);
void io_ynode_free(io_ynode *n);                 /* NULL is fine */

/* "a mapping", "a sequence", "text" or "nothing" (a null scalar), for
 * messages. */
const char *io_ykind_name(const io_ynode *n);
/* 1 for a plain empty, ~ or null scalar. */
int  io_y_is_null(const io_ynode *n);

/* Checks that n is a mapping; reports, for what (e.g. "site"), every key
 * that is not text, not in allowed (NULL-terminated), or repeated, and every
 * key of required (NULL-terminated, may be NULL) that is missing or null.
 * Returns 1 when n is a mapping (whatever its keys), 0 otherwise (reported
 * as "expected a mapping for <what>"). */
int  io_y_map(io_ctx *c, const io_ynode *n, const char *what,
              const char *const *allowed, const char *const *required);
/* The value of key in a mapping (first occurrence), or NULL when absent.
 * A null value is returned as NULL too: the field readers treat a key
 * written with no value as not given (io_y_map reports required ones). */
const io_ynode *io_y_get(const io_ynode *map, const char *key);
/* The key node of key, or NULL. */
const io_ynode *io_y_key(const io_ynode *map, const char *key);

/* Field readers. Each looks key up in map and returns 1 when the value is
 * there and valid (stored in *out), 0 when the key is absent or null (*out
 * untouched: the caller sets the default first), -1 when the value is
 * invalid (reported at the value). */
enum io_id_kind {
    IO_ID,      /* [a-z0-9][a-z0-9-]*: staff, sites, rooms, PCNs, periods */
    IO_NAME     /* [a-z0-9][a-z0-9_-]*: skills, activities, appt. types */
};
int io_y_str(io_ctx *c, const io_ynode *map, const char *key,
             const char **out);
int io_y_id(io_ctx *c, const io_ynode *map, const char *key, int kind,
            const char **out);
int io_y_int(io_ctx *c, const io_ynode *map, const char *key, long lo,
             long hi, int *out);
int io_y_num(io_ctx *c, const io_ynode *map, const char *key, double lo,
             double hi, double *out);
int io_y_bool(io_ctx *c, const io_ynode *map, const char *key, int *out);
int io_y_date(io_ctx *c, const io_ynode *map, const char *key, int *out);
int io_y_time(io_ctx *c, const io_ynode *map, const char *key, int *out);
/* A weekday, a range (mon-fri) or a sequence of them: a mask, bit 0 Monday. */
int io_y_weekdays(io_ctx *c, const io_ynode *map, const char *key,
                  unsigned *out);
/* One of names[0..n-1]; *out is the index. */
int io_y_enum(io_ctx *c, const io_ynode *map, const char *key,
              const char *const *names, int n, int *out);
/* A reference (an id of kind) at the value's place. When memory runs out
 * it notes c->oom and returns 0 (out unchanged). */
int io_y_ref(io_ctx *c, const io_ynode *map, const char *key, int kind,
             mr_ref *out);
/* A sequence of ids (a single id is accepted as a sequence of one); every
 * valid one is added to out. Returns -1 when any item was invalid. */
int io_y_ref_list(io_ctx *c, const io_ynode *map, const char *key, int kind,
                  mr_ref_list *out);
/* A sequence value (null counts as absent). */
int io_y_seq(io_ctx *c, const io_ynode *map, const char *key,
             const io_ynode **out);

/* The same checks on a node already at hand (a list item, a mapping key);
 * what names it in messages. */
int io_yv_id(io_ctx *c, const io_ynode *v, const char *what, int kind,
             const char **out);
int io_yv_enum(io_ctx *c, const io_ynode *v, const char *what,
               const char *const *names, int n, int *out);
int io_yv_weekdays(io_ctx *c, const io_ynode *v, const char *what,
                   unsigned *out);

/* The schema readers: each takes the root of one file's tree (not NULL). */
void io_service_read(io_ctx *c, const io_ynode *root);
/* A preference file; stem is its file name without .yaml, month the
 * folder's month as written. */
void io_pref_read(io_ctx *c, const io_ynode *root, const char *stem,
                  const char *month);
void io_absence_read(io_ctx *c, const io_ynode *root);
void io_demand_read(io_ctx *c, const io_ynode *root);

#endif
