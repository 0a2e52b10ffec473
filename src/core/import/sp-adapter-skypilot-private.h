/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-adapter-skypilot-private.h — what the SkyPilot adapter's files share:
 * sp-adapter-skypilot.c (columns, rows, offers), sp-adapter-skypilot-csv.c
 * (the RFC 4180 reader) and sp-adapter-skypilot-gcp.c (pairing GCP's GPU
 * machines and accelerators with their hosts).  Not for use outside
 * src/core/import. */
#pragma once

#include "sp-import-private.h"

G_BEGIN_DECLS

enum {
  COL_INSTANCE_TYPE,
  COL_ACCELERATOR_NAME,
  COL_ACCELERATOR_COUNT,
  COL_VCPUS,
  COL_MEMORY_GIB,
  COL_GPU_INFO,
  COL_PRICE,
  COL_SPOT_PRICE,
  COL_REGION,
  COL_AVAILABILITY_ZONE,
  N_COLS
};

/* RFC 4180 reader state: quotes, doubled quotes, CRLF or LF, a missing
 * trailing newline. */
typedef struct {
  const char *data;
  gsize       len;
  gsize       pos;
  guint       line;   /* 1-based line number at pos */
} CsvReader;

typedef enum {
  CSV_RECORD,
  CSV_END,
  CSV_BAD_QUOTES,      /* text after a closing quote */
  CSV_UNTERMINATED,    /* a quoted field runs to the end of the input */
} CsvStatus;

/* One record's fields, reused from record to record: the bytes of every
 * field, each NUL-terminated, in one buffer, and pointers into it.  No
 * allocation per field or per row once the buffer has grown (HACKING.md,
 * "Ingest"). */
typedef struct {
  char      *buf;
  gsize      len;
  gsize      cap;
  gsize     *starts;    /* offset of each field in buf */
  guint      n_starts;
  guint      cap_starts;
  GPtrArray *fields;    /* char *, into buf (not owned); filled by sp_skypilot_csv_next */
} CsvRow;

/* GCP (../shared/catalogs/skypilot_gcp/README.md): accelerator rows have no
 * InstanceType and price only the GPUs; the VM they are attached to is a row
 * of its own.  Both wait until the whole file is read, then each GPU machine
 * type is paired with the accelerator row of its GPU model and count in the
 * same zone, and the accelerators of n1-attached GPUs with GCP_N1_HOST. */
typedef struct {
  guint        line;
  char        *name;        /* machine type, or the accelerator name as written */
  const char  *region;      /* interned, may be NULL */
  const char  *zone;        /* interned, may be NULL */
  char        *price_text;
  char        *spot_text;   /* NULL: no spot price */
  SpMoney      price;       /* per instance-hour */
  SpMoney      spot;        /* 0: none */
  guint        vcpus_milli;
  guint        ram_mib;
  /* machines: the GPUs their type comes with; accelerators: what they are */
  const char  *accel;       /* accelerator name as GCP writes it ("A100-80GB") */
  guint        count;
  const char  *gpu_model;   /* canonical, precise (machines: from the family) */
  guint        mem_gb;      /* accelerators: per card, 0 unknown */
  gboolean     used;
} GcpRow;

typedef struct {
  const char *source;
  const char *vendor_id;
  const char *vendor_name;
  int         col[N_COLS];  /* field index, -1 when absent */
  guint       n_fields;     /* in the header */
  gboolean    last_free;    /* the last column is none we read: extra fields
                               can only belong to it */
  gboolean    vast;         /* GpuInfo SizeInMiB is for all cards */
  gboolean    gcp;          /* GPU machine types wait for their accelerators */
  GArray     *gcp_machines; /* GcpRow */
  GArray     *gcp_accels;   /* GcpRow */
  GArray     *gcp_n1_hosts; /* GcpRow, one per zone */
  GHashTable *gcp_hosts;    /* "region/zone" -> GcpRow in gcp_n1_hosts */
  const char *usd;            /* interned once: "USD", "instance-hour" */
  const char *instance_hour;
  /* the last region seen and its interned copy (regions repeat row after row) */
  char       *last_region;
  const char *last_region_interned;
} Ctx;

/* The host VM GCP's n1-attached GPUs (T4, V100, P100, P4, K80) are priced
 * with: SkyPilot's default for them, 8 vCPUs and 52 GB.  It takes 1 to 8 of
 * any of these GPUs (docs/catalogs.md). */
#define GCP_N1_HOST "n1-highmem-8"

typedef enum {
  GCP_NOT_GPU,        /* an ordinary machine type */
  GCP_GPU_KNOWN,      /* a GPU machine type: *accel, *count, *model set */
  GCP_GPU_UNKNOWN,    /* looks like a GPU machine type ("a4x-…gpu-…", "g3-…") */
} GcpMachine;

/* sp-adapter-skypilot.c */
const char *sp_skypilot_field (GPtrArray *fields, const Ctx *ctx, int col);
/* A record of @result (sp_import_result_new_record ()) for @instance_type;
 * takes *@id (set to NULL), which must be in @result's texts, as its id */
SpOffer *sp_skypilot_make_offer (SpImportResult *result, const Ctx *ctx, char **id,
                                 const char *instance_type, SpBilling billing);
/* "name@region/zone" ("name" alone without a region), to free */
char *sp_skypilot_offer_id (const char *name, const char *region, const char *zone);
/* The same followed by @suffix (may be NULL), in @result's texts (no free) */
char *sp_skypilot_record_id (SpImportResult *result, const char *name, const char *region,
                             const char *zone, const char *suffix);
void sp_skypilot_ctx_clear (Ctx *ctx);
/* The records after the header from @reader's position, each one row,
 * until a record ends at or after @stop (G_MAXSIZE: the end) */
void sp_skypilot_read_rows (SpImportResult *result, Ctx *ctx, CsvReader *reader, CsvRow *row,
                            gsize stop);

/* sp-adapter-skypilot-chunks.c */
void sp_skypilot_read_rows_chunked (SpImportResult *result, Ctx *ctx, CsvReader *reader,
                                    CsvRow *row, guint n_chunks);
guint sp_skypilot_chunks_for (gsize len);

/* sp-adapter-skypilot-csv.c */
void sp_skypilot_row_clear (CsvRow *row);
CsvStatus sp_skypilot_csv_next (CsvReader *r, CsvRow *row, guint *start_line);

gboolean sp_skypilot_parse_decimal (const char *text, gint64 *mant, gint64 *pow10);
gint64 sp_skypilot_gpuinfo_size_mib (const char *info);
gboolean sp_skypilot_parse_price_cell (const char *text, SpMoney *out, const char **why);
gboolean sp_skypilot_valid_utf8 (const char *data, gsize len);

/* sp-adapter-skypilot-gcp.c */
GcpMachine sp_skypilot_gcp_machine_gpus (const char *type, const char **accel, guint *count,
                                         const char **model);
void sp_skypilot_gcp_ctx_init (Ctx *ctx);
void sp_skypilot_gcp_row_clear (gpointer data);
char *sp_skypilot_gcp_zone_key (const GcpRow *row);
void sp_skypilot_gcp_pair (SpImportResult *result, Ctx *ctx);

G_END_DECLS
