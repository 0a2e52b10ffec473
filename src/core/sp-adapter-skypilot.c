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

#include "sp-import-private.h"
#include "sp-vendors.h"

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

typedef struct {
  const char *source;
  const char *vendor_id;
  const char *vendor_name;
  int         col[N_COLS];  /* field index, -1 when absent */
  guint       n_fields;     /* in the header */
  gboolean    vast;         /* GpuInfo SizeInMiB is for all cards */
} Ctx;

/* Read the next record into @fields (char *, owned).  *@start_line is the
 * line the record starts on.  Blank lines are passed over. */
static CsvStatus
csv_next (CsvReader *r,
          GPtrArray *fields,
          guint     *start_line)
{
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean bad = FALSE;

  g_ptr_array_set_size (fields, 0);

  /* blank lines */
  while (r->pos < r->len)
    {
      if (r->data[r->pos] == '\n')
        {
          r->pos++;
          r->line++;
        }
      else if (r->data[r->pos] == '\r' && r->pos + 1 < r->len && r->data[r->pos + 1] == '\n')
        {
          r->pos += 2;
          r->line++;
        }
      else
        break;
    }

  if (r->pos >= r->len)
    return CSV_END;

  *start_line = r->line;

  for (;;)
    {
      g_string_truncate (field, 0);

      if (r->pos < r->len && r->data[r->pos] == '"')
        {
          gboolean closed = FALSE;

          r->pos++;
          while (r->pos < r->len)
            {
              char c = r->data[r->pos++];

              if (c == '"')
                {
                  if (r->pos < r->len && r->data[r->pos] == '"')
                    {
                      g_string_append_c (field, '"');
                      r->pos++;
                    }
                  else
                    {
                      closed = TRUE;
                      break;
                    }
                }
              else
                {
                  if (c == '\n')
                    r->line++;
                  g_string_append_c (field, c);
                }
            }

          if (!closed)
            return CSV_UNTERMINATED;

          /* after the closing quote only a separator may follow */
          while (r->pos < r->len && r->data[r->pos] != ',' &&
                 r->data[r->pos] != '\n' && r->data[r->pos] != '\r')
            {
              bad = TRUE;
              r->pos++;
            }
        }
      else
        {
          while (r->pos < r->len)
            {
              char c = r->data[r->pos];

              if (c == ',' || c == '\n' ||
                  (c == '\r' && r->pos + 1 < r->len && r->data[r->pos + 1] == '\n'))
                break;
              if (c == '"')
                bad = TRUE;
              g_string_append_c (field, c);
              r->pos++;
            }
        }

      g_ptr_array_add (fields, g_strndup (field->str, field->len));

      if (r->pos >= r->len)
        break;

      if (r->data[r->pos] == ',')
        {
          r->pos++;
          continue;
        }

      /* end of line */
      if (r->data[r->pos] == '\r')
        r->pos++;
      if (r->pos < r->len && r->data[r->pos] == '\n')
        r->pos++;
      r->line++;
      break;
    }

  return bad ? CSV_BAD_QUOTES : CSV_RECORD;
}

/* Exact unsigned decimal such as "8", "8.0", "0.5", "1.69921875":
 * value = *mant / *pow10.  At most 18 significant digits. */
static gboolean
parse_decimal (const char *text,
               gint64     *mant,
               gint64     *pow10)
{
  const char *p = text;
  gint64 m = 0;
  gint64 scale = 1;
  guint digits = 0;
  gboolean any = FALSE;
  gboolean dot = FALSE;

  while (*p == ' ')
    p++;

  for (; *p; p++)
    {
      if (*p == '.' && !dot)
        {
          dot = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        break;

      any = TRUE;
      if (m == 0 && *p == '0')
        {
          /* leading zeros cost nothing; trailing zeros after the point do */
          if (dot)
            {
              if (scale >= G_GINT64_CONSTANT (100000000000000000))
                continue;   /* 0.000…0 beyond 17 decimals: still 0 */
              scale *= 10;
            }
          continue;
        }
      if (++digits > 18)
        return FALSE;
      m = m * 10 + (*p - '0');
      if (dot)
        {
          if (scale >= G_GINT64_CONSTANT (100000000000000000))
            return FALSE;
          scale *= 10;
        }
    }

  while (*p == ' ')
    p++;

  if (!any || *p != '\0')
    return FALSE;

  /* trim trailing zeros after the point: "8.0" -> 8/1 */
  while (scale > 1 && m % 10 == 0)
    {
      m /= 10;
      scale /= 10;
    }

  *mant = m;
  *pow10 = scale;
  return TRUE;
}

static const char *
field (GPtrArray  *fields,
       const Ctx  *ctx,
       int         col)
{
  int idx = ctx->col[col];

  if (idx < 0 || (guint) idx >= fields->len)
    return "";
  return g_ptr_array_index (fields, idx);
}

/* The first integer after 'SizeInMiB': in a GpuInfo repr, or 0. */
static gint64
gpuinfo_size_mib (const char *info)
{
  const char *p = strstr (info, "'SizeInMiB'");
  gint64 v = 0;

  if (p == NULL)
    return 0;
  p += strlen ("'SizeInMiB'");
  while (*p == ' ')
    p++;
  if (*p != ':')
    return 0;
  p++;
  while (*p == ' ')
    p++;
  if (!g_ascii_isdigit (*p))
    return 0;
  while (g_ascii_isdigit (*p))
    {
      v = v * 10 + (*p - '0');
      if (v > G_GINT64_CONSTANT (1000000000000))
        return 0;
      p++;
    }

  return v;
}

static guint
gpu_memory_gb (const Ctx  *ctx,
               const char *info,
               gint64      count_mant,
               gint64      count_pow10)
{
  gint64 size = gpuinfo_size_mib (info);
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

static SpOffer *
make_offer (const Ctx  *ctx,
            const char *id,
            const char *instance_type,
            SpBilling   billing)
{
  SpOffer *offer = sp_offer_new ();

  offer->id = g_strdup (id);
  offer->source = ctx->source;
  offer->vendor_id = ctx->vendor_id;
  offer->vendor_name = ctx->vendor_name;
  offer->name = g_strdup (instance_type);
  offer->model = g_strdup (instance_type);
  offer->billing = billing;
  offer->currency = g_intern_static_string ("USD");
  offer->input_price = SP_MONEY_UNKNOWN;
  offer->output_price = SP_MONEY_UNKNOWN;
  offer->cached_input_price = SP_MONEY_UNKNOWN;
  offer->list_unit = g_intern_static_string ("instance-hour");

  return offer;
}

/* An instance price cell in micro-units; FALSE with @why on bad text. */
static gboolean
parse_price_cell (const char  *text,
                  SpMoney     *out,
                  const char **why)
{
  g_autoptr(GError) error = NULL;

  if (!sp_money_parse (text, out, &error))
    {
      if (g_error_matches (error, SP_MONEY_ERROR, SP_MONEY_ERROR_RANGE))
        *why = _("price is too large");
      else if (g_error_matches (error, SP_MONEY_ERROR, SP_MONEY_ERROR_NOT_FINITE))
        *why = _("price is not a finite number");
      else
        *why = _("price is not a number");
      return FALSE;
    }

  if (*out < 0)
    {
      *why = _("negative price");
      return FALSE;
    }

  return TRUE;
}

static void
parse_row (SpImportResult *result,
           const Ctx      *ctx,
           GPtrArray      *fields,
           guint           line)
{
  g_autofree char *id = NULL;
  g_autofree char *spot_id = NULL;
  const char *instance_type, *accel, *count_text, *vcpus_text, *mem_text;
  const char *price_text, *spot_text, *region, *zone;
  const char *why = NULL;
  const char *gpu_model = NULL;
  gint64 div_mant = 0, div_pow10 = 1;
  gint64 mant, pow10;
  SpMoney price, spot = 0, unit_price, spot_unit_price = 0;
  gboolean is_gpu;
  gboolean has_spot = FALSE;
  guint vcpus_milli = 0, ram_mib = 0, gpu_count = 0, mem_gb = 0;
  gboolean fractional_gpu = FALSE;
  SpOffer *offer;

  if (fields->len != ctx->n_fields)
    {
      sp_import_result_skip (result, line, NULL, "%s", _("wrong number of fields"));
      return;
    }

  for (guint i = 0; i < fields->len; i++)
    g_strstrip ((char *) g_ptr_array_index (fields, i));

  instance_type = field (fields, ctx, COL_INSTANCE_TYPE);
  accel = field (fields, ctx, COL_ACCELERATOR_NAME);
  count_text = field (fields, ctx, COL_ACCELERATOR_COUNT);
  vcpus_text = field (fields, ctx, COL_VCPUS);
  mem_text = field (fields, ctx, COL_MEMORY_GIB);
  price_text = field (fields, ctx, COL_PRICE);
  spot_text = field (fields, ctx, COL_SPOT_PRICE);
  region = field (fields, ctx, COL_REGION);
  zone = field (fields, ctx, COL_AVAILABILITY_ZONE);

  if (*instance_type == '\0')
    {
      sp_import_result_skip (result, line, NULL, "%s", _("no instance type"));
      return;
    }

  if (*region != '\0' && *zone != '\0')
    id = g_strdup_printf ("%s@%s/%s", instance_type, region, zone);
  else if (*region != '\0')
    id = g_strdup_printf ("%s@%s", instance_type, region);
  else
    id = g_strdup (instance_type);

  if (*price_text == '\0')
    {
      sp_import_result_skip (result, line, id, "%s", _("no price"));
      return;
    }
  if (!parse_price_cell (price_text, &price, &why))
    {
      sp_import_result_skip (result, line, id, "%s", why);
      return;
    }

  is_gpu = *accel != '\0';

  if (*vcpus_text != '\0')
    {
      gint64 milli;

      if (!parse_decimal (vcpus_text, &mant, &pow10) ||
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

      if (!parse_decimal (mem_text, &mant, &pow10) ||
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
      if (!parse_decimal (count_text, &div_mant, &div_pow10) ||
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
          /* a share of one card: count it as one card, say so */
          fractional_gpu = TRUE;
          if (gpu_count == 0)
            gpu_count = 1;
        }
      gpu_model = refine_gpu_model (sp_gpu_model_canonical (accel), instance_type);
      mem_gb = gpu_memory_gb (ctx, field (fields, ctx, COL_GPU_INFO), div_mant, div_pow10);
    }
  else
    {
      if (vcpus_milli == 0)
        {
          sp_import_result_skip (result, line, id, "%s", _("no vCPU count"));
          return;
        }
    }

  /* price / count = price × 10^k / mantissa, exactly, rounded once */
  if (!sp_money_muldiv (price, div_pow10, div_mant, SP_ROUND_HALF_UP, &unit_price))
    {
      sp_import_result_skip (result, line, id, "%s", _("price is too large"));
      return;
    }

  /* SpotPrice "0.00" (vast) means no spot offer, not a free one */
  if (*spot_text != '\0')
    {
      const char *spot_why = NULL;

      spot_id = g_strconcat (id, "/spot", NULL);
      if (!parse_price_cell (spot_text, &spot, &spot_why) ||
          !sp_money_muldiv (spot, div_pow10, div_mant, SP_ROUND_HALF_UP, &spot_unit_price))
        {
          sp_import_result_skip (result, line, spot_id, _("spot price: %s"),
                                 spot_why ? spot_why : _("price is too large"));
        }
      else if (spot > 0)
        has_spot = TRUE;
    }

  for (guint k = 0; k < (has_spot ? 2u : 1u); k++)
    {
      gboolean is_spot = (k == 1);

      offer = make_offer (ctx, is_spot ? spot_id : id, instance_type,
                          is_spot ? SP_BILLING_SPOT : SP_BILLING_ON_DEMAND);
      offer->kind = is_gpu ? SP_OFFER_KIND_GPU : SP_OFFER_KIND_CPU;
      offer->gpu_model = gpu_model;
      offer->gpu_count = gpu_count;
      offer->gpu_memory_gb = mem_gb;
      offer->vcpus_milli = vcpus_milli;
      offer->ram_mib = ram_mib;
      offer->region = *region ? g_intern_string (region) : NULL;
      offer->price = is_spot ? spot_unit_price : unit_price;
      offer->list_price = g_strdup (is_spot ? spot_text : price_text);
      if (fractional_gpu)
        offer->note = g_strdup_printf (_("a share of one GPU (%s)"), count_text);

      sp_import_result_add_offer (result, line, offer);
    }
}

gboolean
sp_adapter_skypilot_parse (const char      *data,
                           gsize            len,
                           SpImportResult  *result,
                           GError         **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *derived = NULL;
  CsvReader reader = { data, len, 0, 1 };
  CsvStatus status;
  Ctx ctx;
  guint line = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (SP_IS_IMPORT_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_ENCODING,
                           _("The SkyPilot catalog is not valid UTF-8 text"));
      return FALSE;
    }

  /* UTF-8 byte order mark */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader.pos = 3;

  /* header */
  status = csv_next (&reader, fields, &line);
  if (status == CSV_END)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                           _("The SkyPilot catalog is empty"));
      return FALSE;
    }
  if (status != CSV_RECORD)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SYNTAX,
                           _("The SkyPilot catalog’s header line is not valid CSV"));
      return FALSE;
    }

  for (guint c = 0; c < N_COLS; c++)
    ctx.col[c] = -1;
  for (guint i = 0; i < fields->len; i++)
    {
      const char *name = g_strstrip ((char *) g_ptr_array_index (fields, i));

      for (guint c = 0; c < N_COLS; c++)
        if (ctx.col[c] < 0 && strcmp (name, column_names[c]) == 0)
          ctx.col[c] = (int) i;
    }
  ctx.n_fields = fields->len;

  if (ctx.col[COL_INSTANCE_TYPE] < 0 || ctx.col[COL_PRICE] < 0)
    {
      g_set_error_literal (error, SP_IMPORT_ERROR, SP_IMPORT_ERROR_SHAPE,
                           _("This is not a SkyPilot catalog: the header has no "
                             "“InstanceType” and “Price” columns"));
      return FALSE;
    }

  ctx.source = sp_import_result_get_source (result);
  if (ctx.source == NULL)
    {
      derived = cloud_from_filename (sp_import_result_get_filename (result));
      sp_import_result_set_source (result, derived ? derived : "skypilot");
      ctx.source = sp_import_result_get_source (result);
      if (ctx.source == NULL)
        ctx.source = derived ? derived : "skypilot";
    }
  ctx.source = g_intern_string (ctx.source);
  ctx.vendor_id = ctx.source;
  ctx.vendor_name = cloud_display (ctx.vendor_id);
  ctx.vast = strcmp (ctx.vendor_id, "vast") == 0;

  for (;;)
    {
      status = csv_next (&reader, fields, &line);
      if (status == CSV_END)
        break;

      sp_import_result_row_read (result);

      if (status == CSV_UNTERMINATED)
        {
          sp_import_result_skip (result, line, NULL, "%s",
                                 _("a quoted field is not closed before the end of the file"));
          break;
        }
      if (status == CSV_BAD_QUOTES)
        {
          sp_import_result_skip (result, line, NULL, "%s", _("misplaced quote"));
          continue;
        }

      parse_row (result, &ctx, fields, line);
    }

  return TRUE;
}
