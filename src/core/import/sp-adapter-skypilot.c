/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-adapter-skypilot.c — SkyPilot catalog CSVs (catalogs/v8/<cloud>/vms.csv)
 *
 * One CSV per cloud; one row is one instance type in one region or zone,
 * priced in USD per hour for the whole instance.  The columns are a set, not
 * a fixed order, so they are mapped by header name.  Every row gives an
 * on-demand offer (Price) and, when SpotPrice is a positive number, a spot
 * offer (id suffix "/spot").  Rows with an accelerator are "gpu" offers priced
 * per card-hour (Price / AcceleratorCount); the others are "cpu" offers priced
 * per core-hour (Price / vCPUs).  All divisions are done on exact decimals.
 *
 * GPU memory per card comes from the GpuInfo column, a Python dict repr
 * (not JSON) that the clouds fill in differently:
 *   - aws, lambda: 'SizeInMiB' of the first GPU is per card;
 *   - vast: 'SizeInMiB' holds the memory of *all* the instance's cards;
 *   - runpod: 'SizeInMiB' is really GB (80 for an 80 GB card).
 * So vast's value is divided by AcceleratorCount, and a per-card value below
 * 1024 "MiB" (no real GPU has less than 1 GiB) is read as GB.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sp-adapter-skypilot-private.h"
#include "sp-text.h"
#include "sp-vendors.h"

static const char *column_names[N_COLS] = {
  "InstanceType",
  "AcceleratorName",
  "AcceleratorCount",
  "vCPUs",
  "MemoryGiB",
  "GpuInfo",
  "Price",
  "SpotPrice",
  "Region",
  "AvailabilityZone",
};

const char *
sp_skypilot_field (GPtrArray *fields,
                   const Ctx *ctx,
                   int        col)
{
  int idx = ctx->col[col];

  if (idx < 0 || (guint) idx >= fields->len)
    return "";
  return g_ptr_array_index (fields, idx);
}

static guint
gpu_memory_gb (const Ctx  *ctx,
               const char *info,
               gint64      count_mant,
               gint64      count_pow10)
{
  gint64 size = sp_skypilot_gpuinfo_size_mib (info);
  gint64 per_card;

  if (size <= 0)
    return 0;

  /* vast: the value covers all cards of the instance */
  per_card = size;
  if (ctx->vast && !sp_money_muldiv (size, count_pow10, count_mant,
                                     SP_ROUND_HALF_UP, &per_card))
    return 0;

  /* runpod writes GB where it says MiB */
  if (per_card < 1024)
    return (guint) per_card;

  return (guint) ((per_card + 512) / 1024);
}

/* One spelling per cloud id, shared with the other adapters (sp-vendors.c) */
static const char *
cloud_display (const char *cloud)
{
  const char *name, *name_zh;

  sp_vendor_names (cloud, NULL, &name, &name_zh);
  return name;
}

/* "catalogs/v8/aws/vms.csv" -> "aws"; "v8_aws_vms.head.csv" -> "aws";
 * "aws_vms.csv" -> "aws". */
static char *
cloud_from_filename (const char *filename)
{
  g_autofree char *base = NULL;
  g_auto(GStrv) parts = NULL;
  guint n;

  if (filename == NULL || *filename == '\0')
    return NULL;

  base = g_path_get_basename (filename);
  if (strcmp (base, "vms.csv") == 0)
    {
      g_autofree char *dir = g_path_get_dirname (filename);
      g_autofree char *parent = g_path_get_basename (dir);

      if (*parent != '\0' && strcmp (parent, ".") != 0 && strcmp (parent, "/") != 0)
        return g_ascii_strdown (parent, -1);
      return NULL;
    }

  parts = g_strsplit (base, "_", 4);
  n = g_strv_length (parts);

  if (n >= 3 && parts[0][0] == 'v' && g_ascii_isdigit (parts[0][1]) &&
      g_str_has_prefix (parts[2], "vms") && *parts[1] != '\0')
    return g_ascii_strdown (parts[1], -1);

  if (n >= 2 && g_str_has_prefix (parts[1], "vms") && *parts[0] != '\0')
    return g_ascii_strdown (parts[0], -1);

  return NULL;
}

/* AcceleratorName "H100" does not say SXM or NVL; vast's and lambda's
 * instance types do ("2x-H100_SXM-32-65536", "gpu_8x_h100_sxm5"). */
static const char *
refine_gpu_model (const char *canonical,
                  const char *instance_type)
{
  g_autofree char *part = NULL;
  const char *p = instance_type;
  const char *candidate;
  const char *end;

  if (canonical == NULL || !sp_gpu_model_is_ambiguous (canonical))
    return canonical;

  if (g_str_has_prefix (p, "gpu_"))
    p += 4;
  while (g_ascii_isdigit (*p))
    p++;
  if (p == instance_type || (*p != 'x' && *p != 'X') || (p[1] != '-' && p[1] != '_'))
    return canonical;
  p += 2;

  /* vast: "<n>x-<GPU>-<cpus>-<mem>"; lambda: "gpu_<n>x_<gpu words>" */
  end = strchr (p, '-');
  part = end ? g_strndup (p, (gsize) (end - p)) : g_strdup (p);
  g_strdelimit (part, "_", '-');

  candidate = sp_gpu_model_canonical (part);
  if (candidate != NULL && !sp_gpu_model_is_ambiguous (candidate) &&
      g_str_has_prefix (candidate, canonical) &&
      (candidate[strlen (canonical)] == ' ' || candidate[strlen (canonical)] == '\0'))
    return candidate;

  return canonical;
}

SpOffer *
sp_skypilot_make_offer (SpImportResult  *result,
                        const Ctx       *ctx,
                        char           **id,
                        const char      *instance_type,
                        SpBilling        billing)
{
  /* a record, not an object: the ingest hot path (HACKING.md, "Ingest") */
  SpOffer *offer = sp_import_result_new_record (result);

  /* the id made for it is its own (no copy of a copy) */
  offer->id = g_steal_pointer (id);
  offer->source = ctx->source;
  offer->vendor_id = ctx->vendor_id;
  offer->vendor_name = ctx->vendor_name;
  offer->name = sp_import_result_strdup (result, instance_type);
  offer->model = sp_import_result_strdup (result, instance_type);
  offer->billing = billing;
  offer->currency = ctx->usd;
  offer->list_unit = ctx->instance_hour;

  return offer;
}

/* The unit price of one card-hour or core-hour: @price (per instance-hour)
 * divided by the count mant / pow10, exactly, rounded once.  A share of one
 * card that is a simple fraction ("0.167" = 1/6) is divided by that
 * fraction: 0.454 for 1/6 of an A10 is 0.454 × 6 = 2.724 per card-hour. */
static gboolean
unit_price (SpMoney     price,
            gint64      mant,
            gint64      pow10,
            const char *share,
            SpMoney    *out)
{
  guint num, den;

  if (share != NULL && sp_gpu_fraction_parse (share, &num, &den))
    return sp_money_muldiv (price, den, num, SP_ROUND_HALF_UP, out);
  return sp_money_muldiv (price, pow10, mant, SP_ROUND_HALF_UP, out);
}

static const char *
intern_region (Ctx        *ctx,
               const char *region)
{
  if (*region == '\0')
    return NULL;
  if (ctx->last_region == NULL || strcmp (ctx->last_region, region) != 0)
    {
      g_free (ctx->last_region);
      ctx->last_region = g_strdup (region);
      ctx->last_region_interned = sp_text_intern (region);
    }
  return ctx->last_region_interned;
}

/* "name@region/zone" into @id (room for n + r + z + 3 bytes); returns its
 * end (the NUL) */
static char *
offer_id_write (char       *id,
                const char *name,
                gsize       n,
                const char *region,
                gsize       r,
                const char *zone,
                gsize       z)
{
  char *p = id;

  memcpy (p, name, n);
  p += n;
  if (r > 0)
    {
      *p++ = '@';
      memcpy (p, region, r);
      p += r;
      if (z > 0)
        {
          *p++ = '/';
          memcpy (p, zone, z);
          p += z;
        }
    }
  *p = '\0';
  return p;
}

char *
sp_skypilot_offer_id (const char *name,
                      const char *region,
                      const char *zone)
{
  /* one per row: lengths once, one copy each (g_strconcat walks its
   * arguments twice; HACKING.md "Ingest") */
  gsize n = strlen (name), r = strlen (region), z = *region != '\0' ? strlen (zone) : 0;
  char *id = g_malloc (n + 1 + r + 1 + z + 1);

  offer_id_write (id, name, n, region, r, zone, z);
  return id;
}

char *
sp_skypilot_record_id (SpImportResult *result,
                       const char     *name,
                       const char     *region,
                       const char     *zone,
                       const char     *suffix)
{
  gsize n = strlen (name), r = strlen (region), z = *region != '\0' ? strlen (zone) : 0;
  gsize s = suffix != NULL ? strlen (suffix) : 0;
  char *id = sp_import_result_text_alloc (result, n + 1 + r + 1 + z + s + 1);
  char *end = offer_id_write (id, name, n, region, r, zone, z);

  if (s > 0)
    memcpy (end, suffix, s + 1);
  return id;
}

/* ---------------------------------------------------------------- rows */

/* @id + "/spot", in the result's texts */
static char *
spot_id_of (SpImportResult *result,
            const char     *id)
{
  gsize n = strlen (id);
  char *spot = sp_import_result_text_alloc (result, n + sizeof "/spot");

  memcpy (spot, id, n);
  memcpy (spot + n, "/spot", sizeof "/spot");
  return spot;
}

/* One row to its offers (or a skip reason), cell by cell in one pass: long
 * because each check names its own reason; the ingest hot path (HACKING.md,
 * "Ingest"), so no per-row allocation beyond the offers' own. */
static void
parse_row (SpImportResult *result,
           Ctx            *ctx,
           GPtrArray      *fields,
           guint           line)
{
  char *id = NULL;       /* in the result's texts (no free) */
  char *spot_id = NULL;
  const char *instance_type, *accel, *count_text, *vcpus_text, *mem_text;
  const char *price_text, *spot_text, *region, *zone;
  const char *why = NULL;
  const char *gpu_model = NULL;
  const char *share = NULL;
  const char *machine_accel = NULL, *machine_model = NULL;
  guint machine_count = 0;
  gint64 div_mant = 0, div_pow10 = 1;
  gint64 mant, pow10;
  SpMoney price, spot = 0, unit, spot_unit = 0;
  gboolean is_gpu;
  gboolean has_spot = FALSE;
  gboolean accel_row = FALSE;
  GcpMachine machine = GCP_NOT_GPU;
  guint vcpus_milli = 0, ram_mib = 0, gpu_count = 0, mem_gb = 0;
  SpOffer *offer;

  if (fields->len != ctx->n_fields)
    {
      /* "…,eastus,V1,V2": a list in the last column, written without quotes */
      if (fields->len > ctx->n_fields && ctx->last_free)
        sp_import_result_row_repaired (result);
      else
        {
          sp_import_result_skip (result, line, NULL, "%s", _("wrong number of fields"));
          return;
        }
    }

  instance_type = sp_skypilot_field (fields, ctx, COL_INSTANCE_TYPE);
  accel = sp_skypilot_field (fields, ctx, COL_ACCELERATOR_NAME);
  count_text = sp_skypilot_field (fields, ctx, COL_ACCELERATOR_COUNT);
  vcpus_text = sp_skypilot_field (fields, ctx, COL_VCPUS);
  mem_text = sp_skypilot_field (fields, ctx, COL_MEMORY_GIB);
  price_text = sp_skypilot_field (fields, ctx, COL_PRICE);
  spot_text = sp_skypilot_field (fields, ctx, COL_SPOT_PRICE);
  region = sp_skypilot_field (fields, ctx, COL_REGION);
  zone = sp_skypilot_field (fields, ctx, COL_AVAILABILITY_ZONE);

  if (*instance_type == '\0')
    {
      g_autofree char *label = NULL;

      if (*accel == '\0')
        {
          sp_import_result_skip (result, line, NULL, "%s", _("no instance type"));
          return;
        }
      /* GCP: the price of attaching accelerators, paired with a host later */
      label = g_strconcat (count_text, "x", accel, NULL);
      id = sp_skypilot_record_id (result, label, region, zone, NULL);
      if (g_ascii_strncasecmp (accel, "tpu-", 4) == 0)
        {
          sp_import_result_skip (result, line, id, "%s", _("TPU slice (not a GPU offer)"));
          return;
        }
      accel_row = TRUE;
    }
  else
    {
      id = sp_skypilot_record_id (result, instance_type, region, zone, NULL);
      if (ctx->gcp && (instance_type[0] == 'a' || instance_type[0] == 'g') &&
          g_ascii_isdigit (instance_type[1]))
        machine = sp_skypilot_gcp_machine_gpus (instance_type, &machine_accel, &machine_count,
                                    &machine_model);
      if (machine == GCP_GPU_UNKNOWN)
        {
          sp_import_result_skip (result, line, id, "%s",
                                 _("GPU machine type whose GPUs this version does not know"));
          return;
        }
    }

  if (*price_text == '\0')
    {
      sp_import_result_skip (result, line, id, "%s", _("no price"));
      return;
    }
  if (!sp_skypilot_parse_price_cell (price_text, &price, &why))
    {
      sp_import_result_skip (result, line, id, "%s", why);
      return;
    }
  /* a price of 0 is a price nobody filled in, not a free machine */
  if (price == 0)
    {
      sp_import_result_skip (result, line, id, "%s", _("price is 0 (no price)"));
      return;
    }

  is_gpu = *accel != '\0';

  if (*vcpus_text != '\0')
    {
      gint64 milli;

      if (!sp_skypilot_parse_decimal (vcpus_text, &mant, &pow10) ||
          !sp_money_muldiv (mant, 1000, pow10, SP_ROUND_HALF_UP, &milli) ||
          milli > G_MAXUINT)
        {
          sp_import_result_skip (result, line, id, "%s", _("unreadable vCPU count"));
          return;
        }
      vcpus_milli = (guint) milli;
      if (!is_gpu)
        {
          div_mant = mant;
          div_pow10 = pow10;
        }
    }

  if (*mem_text != '\0')
    {
      gint64 mib;

      if (!sp_skypilot_parse_decimal (mem_text, &mant, &pow10) ||
          !sp_money_muldiv (mant, 1024, pow10, SP_ROUND_HALF_UP, &mib) ||
          mib > G_MAXUINT)
        {
          sp_import_result_skip (result, line, id, "%s", _("unreadable memory size"));
          return;
        }
      ram_mib = (guint) mib;
    }

  if (is_gpu)
    {
      if (*count_text == '\0')
        {
          sp_import_result_skip (result, line, id, "%s", _("no accelerator count"));
          return;
        }
      if (!sp_skypilot_parse_decimal (count_text, &div_mant, &div_pow10) ||
          div_mant / div_pow10 > 1024)
        {
          sp_import_result_skip (result, line, id, "%s", _("unreadable accelerator count"));
          return;
        }
      if (div_mant == 0)
        {
          sp_import_result_skip (result, line, id, "%s", _("accelerator count is zero"));
          return;
        }

      gpu_count = (guint) (div_mant / div_pow10);
      if (div_mant % div_pow10 != 0)
        {
          /* a share of one card: it keeps its fraction, priced per whole card */
          share = count_text;
          if (gpu_count == 0)
            gpu_count = 1;
        }
      gpu_model = refine_gpu_model (sp_gpu_model_canonical (accel), instance_type);
      /* 0 MiB is no size: gpu_memory_gb stays 0, unknown */
      mem_gb = gpu_memory_gb (ctx, sp_skypilot_field (fields, ctx, COL_GPU_INFO), div_mant, div_pow10);
    }
  else if (vcpus_milli == 0 && machine == GCP_NOT_GPU)
    {
      sp_import_result_skip (result, line, id, "%s", _("no vCPU count"));
      return;
    }

  /* SpotPrice "0.00" (vast) means no spot offer, not a free one */
  if (*spot_text != '\0')
    {
      const char *spot_why = NULL;

      if (!sp_skypilot_parse_price_cell (spot_text, &spot, &spot_why))
        {
          spot_id = spot_id_of (result, id);
          sp_import_result_skip (result, line, spot_id, _("spot price: %s"), spot_why);
          spot = 0;
        }
      else if (spot > 0)
        has_spot = TRUE;
    }

  /* GCP: accelerators and GPU machines wait for the end of the file */
  if (accel_row || machine == GCP_GPU_KNOWN)
    {
      GcpRow row = { 0 };

      if (accel_row && share != NULL)
        {
          sp_import_result_skip (result, line, id, "%s", _("unreadable accelerator count"));
          return;
        }
      row.line = line;
      row.name = g_strdup (accel_row ? accel : instance_type);
      row.region = intern_region (ctx, region);
      row.zone = *zone ? sp_text_intern (zone) : NULL;
      row.price_text = g_strdup (price_text);
      row.spot_text = has_spot ? g_strdup (spot_text) : NULL;
      row.price = price;
      row.spot = has_spot ? spot : 0;
      row.vcpus_milli = vcpus_milli;
      row.ram_mib = ram_mib;
      if (accel_row)
        {
          row.accel = sp_text_intern (accel);
          row.count = gpu_count;
          row.gpu_model = gpu_model;
          row.mem_gb = mem_gb;
          g_array_append_val (ctx->gcp_accels, row);
        }
      else
        {
          row.accel = machine_accel;
          row.count = machine_count;
          row.gpu_model = g_intern_static_string (machine_model);
          g_array_append_val (ctx->gcp_machines, row);
        }
      return;
    }

  /* price / count = price × 10^k / mantissa, exactly, rounded once */
  if (!unit_price (price, div_mant, div_pow10, share, &unit))
    {
      sp_import_result_skip (result, line, id, "%s", _("price is too large"));
      return;
    }
  if (has_spot && !unit_price (spot, div_mant, div_pow10, share, &spot_unit))
    {
      spot_id = spot_id_of (result, id);
      sp_import_result_skip (result, line, spot_id, _("spot price: %s"), _("price is too large"));
      has_spot = FALSE;
    }

  /* the n1 host of GCP's n1-attached GPUs is an ordinary offer too */
  if (ctx->gcp && strcmp (instance_type, GCP_N1_HOST) == 0)
    {
      GcpRow row = { 0 };
      char *key;

      row.line = line;
      row.name = g_strdup (instance_type);
      row.region = intern_region (ctx, region);
      row.zone = *zone ? sp_text_intern (zone) : NULL;
      row.price = price;
      row.spot = has_spot ? spot : 0;
      row.vcpus_milli = vcpus_milli;
      row.ram_mib = ram_mib;
      key = sp_skypilot_gcp_zone_key (&row);
      if (g_hash_table_contains (ctx->gcp_hosts, key))
        {
          g_free (key);
          sp_skypilot_gcp_row_clear (&row);
        }
      else
        {
          g_array_append_val (ctx->gcp_n1_hosts, row);
          g_hash_table_insert (ctx->gcp_hosts, key,
                               GUINT_TO_POINTER (ctx->gcp_n1_hosts->len));
        }
    }

  for (guint k = 0; k < (has_spot ? 2u : 1u); k++)
    {
      gboolean is_spot = (k == 1);

      /* (made before the on-demand offer takes the id) */
      if (has_spot && spot_id == NULL)
        spot_id = spot_id_of (result, id);
      offer = sp_skypilot_make_offer (result, ctx, is_spot ? &spot_id : &id, instance_type,
                          is_spot ? SP_BILLING_SPOT : SP_BILLING_ON_DEMAND);
      offer->kind = is_gpu ? SP_OFFER_KIND_GPU : SP_OFFER_KIND_CPU;
      offer->gpu_model = gpu_model;
      offer->gpu_count = gpu_count;
      offer->gpu_memory_gb = mem_gb;
      offer->vcpus_milli = vcpus_milli;
      offer->ram_mib = ram_mib;
      offer->region = intern_region (ctx, region);
      offer->price = is_spot ? spot_unit : unit;
      offer->list_price = sp_import_result_strdup (result, is_spot ? spot_text : price_text);
      if (share != NULL)
        {
          g_autofree char *note = g_strdup_printf (_("a share of one GPU (%s)"), share);

          offer->gpu_fraction = sp_import_result_strdup (result, share);
          offer->note = sp_import_result_strdup (result, note);
        }

      sp_import_result_add_record (result, line, offer);
    }
}

/* The GCP layout: InstanceType,vCPUs,MemoryGiB,AcceleratorName,… */
static const char *gcp_header[] = {
  "InstanceType", "vCPUs", "MemoryGiB", "AcceleratorName", "AcceleratorCount", "GpuInfo",
  "Region", "AvailabilityZone", "Price", "SpotPrice",
};

static gboolean
header_is_gcp (GPtrArray *fields)
{
  if (fields->len != G_N_ELEMENTS (gcp_header))
    return FALSE;
  for (guint i = 0; i < fields->len; i++)
    if (strcmp (g_ptr_array_index (fields, i), gcp_header[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Frees what @ctx holds (GCP's waiting rows, the last region) */
void
sp_skypilot_ctx_clear (Ctx *ctx)
{
  g_clear_pointer (&ctx->gcp_machines, g_array_unref);
  g_clear_pointer (&ctx->gcp_accels, g_array_unref);
  g_clear_pointer (&ctx->gcp_n1_hosts, g_array_unref);
  g_clear_pointer (&ctx->gcp_hosts, g_hash_table_unref);
  g_clear_pointer (&ctx->last_region, g_free);
}

/* The columns of the header line in @fields (by name, in any order); FALSE
 * with @error when InstanceType or Price is missing. */
static gboolean
map_header (Ctx        *ctx,
            GPtrArray  *fields,
            GError    **error)
{
  for (guint c = 0; c < N_COLS; c++)
    ctx->col[c] = -1;
  for (guint i = 0; i < fields->len; i++)
    {
      const char *name = g_strstrip ((char *) g_ptr_array_index (fields, i));

      for (guint c = 0; c < N_COLS; c++)
        if (ctx->col[c] < 0 && strcmp (name, column_names[c]) == 0)
          ctx->col[c] = (int) i;
    }
  ctx->n_fields = fields->len;
  ctx->last_free = TRUE;
  for (guint c = 0; c < N_COLS; c++)
    if (ctx->col[c] == (int) ctx->n_fields - 1)
      ctx->last_free = FALSE;

  if (ctx->col[COL_INSTANCE_TYPE] < 0 || ctx->col[COL_PRICE] < 0)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                           _("This is not a SkyPilot catalog: the header has no "
                             "“InstanceType” and “Price” columns"));
      return FALSE;
    }
  return TRUE;
}

/* The source (the result's, else the cloud of the file name) and what
 * follows from it: the vendor, vast's and GCP's ways, GCP's waiting rows. */
static void
ctx_init_source (Ctx            *ctx,
                 SpImportResult *result,
                 GPtrArray      *header)
{
  g_autofree char *derived = NULL;

  ctx->source = sp_import_result_get_source (result);
  if (ctx->source == NULL)
    {
      derived = cloud_from_filename (sp_import_result_get_filename (result));
      sp_import_result_set_source (result, derived ? derived : "skypilot");
      ctx->source = sp_import_result_get_source (result);
      if (ctx->source == NULL)
        ctx->source = derived ? derived : "skypilot";
    }
  ctx->source = g_intern_string (ctx->source);
  ctx->vendor_id = ctx->source;
  ctx->vendor_name = cloud_display (ctx->vendor_id);
  ctx->vast = strcmp (ctx->vendor_id, "vast") == 0;
  ctx->usd = g_intern_static_string ("USD");
  ctx->instance_hour = g_intern_static_string ("instance-hour");
  ctx->gcp = strcmp (ctx->vendor_id, "gcp") == 0 || header_is_gcp (header);
  sp_skypilot_gcp_ctx_init (ctx);
}

/* The records after the header from @reader's position, each one row,
 * until a record ends at or after @stop (G_MAXSIZE: the end). */
void
sp_skypilot_read_rows (SpImportResult *result,
                       Ctx            *ctx,
                       CsvReader      *reader,
                       CsvRow         *row,
                       gsize           stop)
{
  guint line = 0;

  while (reader->pos < stop)
    {
      CsvStatus status = sp_skypilot_csv_next (reader, row, &line);

      if (status == CSV_END)
        break;

      sp_import_result_row_read (result);

      if (status == CSV_UNTERMINATED)
        {
          sp_import_result_skip (result, line, NULL, "%s",
                                 _("a quoted field is not closed before the end of the file"));
          reader->pos = reader->len;
          break;
        }
      if (status == CSV_BAD_QUOTES)
        {
          sp_import_result_skip (result, line, NULL, "%s", _("misplaced quote"));
          continue;
        }

      parse_row (result, ctx, row->fields, line);
    }
}

gboolean
sp_adapter_skypilot_parse (const char      *data,
                           gsize            len,
                           SpImportResult  *result,
                           GError         **error)
{
  return sp_adapter_skypilot_parse_chunks (data, len, result, sp_skypilot_chunks_for (len), error);
}

gboolean
sp_adapter_skypilot_parse_chunks (const char      *data,
                                  gsize            len,
                                  SpImportResult  *result,
                                  guint            n_chunks,
                                  GError         **error)
{
  CsvRow row = { 0 };
  CsvReader reader = { data, len, 0, 1 };
  CsvStatus status;
  Ctx ctx = { 0 };
  guint line = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sp_skypilot_valid_utf8 (data, len))
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_ENCODING,
                           _("The SkyPilot catalog is not valid UTF-8 text"));
      return FALSE;
    }

  row.fields = g_ptr_array_sized_new (16);

  /* UTF-8 byte order mark */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader.pos = 3;

  /* header */
  status = sp_skypilot_csv_next (&reader, &row, &line);
  if (status == CSV_END)
    g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                         _("The SkyPilot catalog is empty"));
  else if (status != CSV_RECORD)
    g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                         _("The SkyPilot catalog’s header line is not valid CSV"));
  else if (map_header (&ctx, row.fields, error))
    {
      ctx_init_source (&ctx, result, row.fields);
      sp_skypilot_read_rows_chunked (result, &ctx, &reader, &row, n_chunks);
      sp_skypilot_gcp_pair (result, &ctx);
      ok = TRUE;
    }

  sp_skypilot_ctx_clear (&ctx);
  sp_skypilot_row_clear (&row);
  return ok;
}
