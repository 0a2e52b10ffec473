/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-store-columns.c — an offer's row in the offers table: its JSON
 * columns (tiers, conditional prices, voucher programmes) both ways, the
 * details column (the fields a compute offer leaves at their default), and
 * the offer read back from a row of OFFER_COLUMNS. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "sp-offer-private.h"
#include "sp-store.h"
#include "sp-store-private.h"

static void
append_money_json (GString *s, SpMoney value)
{
  if (value == SP_MONEY_UNKNOWN)
    g_string_append (s, "null");
  else
    g_string_append_printf (s, "%" G_GINT64_FORMAT, value);
}

/* @n prices, comma-separated */
static void
append_money_cells (GString *s, const SpMoney *values, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      append_money_json (s, values[i]);
    }
}

/* An array of rows as compact JSON: [[…], …]; @write appends the cells of
 * one element (without the brackets). */
static char *
rows_to_json (GArray *rows,
              void  (*write) (GString *s, gconstpointer element))
{
  GString *s;
  guint size;

  if (rows == NULL)
    return NULL;
  size = g_array_get_element_size (rows);
  s = g_string_new ("[");
  for (guint i = 0; i < rows->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, '[');
      write (s, rows->data + (gsize) i * size);
      g_string_append_c (s, ']');
    }
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static void
write_tier (GString *s, gconstpointer element)
{
  const SpTokenTier *t = element;

  const SpMoney prices[] = { t->input, t->output, t->cached_input };

  g_string_append_printf (s, "%" G_GINT64_FORMAT ",", t->above_tokens);
  append_money_cells (s, prices, G_N_ELEMENTS (prices));
}

/* Tiers as compact JSON: [[above_tokens, input, output, cached_input], …]
 * with null for an unknown price.  Only integers, so no escaping is needed. */
char *
sp_store_tiers_to_json (GArray *tiers)
{
  return rows_to_json (tiers, write_tier);
}

static void
write_variant (GString *s, gconstpointer element)
{
  const SpPriceVariant *v = element;
  const SpMoney prices[] = { v->input, v->output, v->cached_input, v->cache_write };

  g_string_append_printf (s, "\"%s\",%d,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",",
                          sp_variant_condition_to_string (v->condition),
                          v->off_peak ? 1 : 0, v->start, v->end);
  append_money_cells (s, prices, G_N_ELEMENTS (prices));
}

/* Variants as compact JSON: [[condition, off_peak, start, end, input,
 * output, cached_input, cache_write], …]; the condition is its nick. */
char *
sp_store_variants_to_json (GArray *variants)
{
  return rows_to_json (variants, write_variant);
}

char *
sp_store_strv_to_json (const char * const *strv)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  if (strv == NULL)
    return NULL;
  array = json_array_new ();
  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return json_to_string (node, FALSE);
}

/* ", \"key\":" (no comma before the first member) */
static void
append_key (GString    *s,
            const char *key)
{
  g_string_append (s, s->len > 1 ? ",\"" : "\"");
  g_string_append (s, key);
  g_string_append (s, "\":");
}

static void
append_text_member (GString    *s,
                    const char *key,
                    const char *text)
{
  if (text == NULL)
    return;
  append_key (s, key);
  g_string_append_c (s, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (s, '\\');
          g_string_append_c (s, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (s, "\\u%04x", c);
      else
        g_string_append_c (s, (char) c);
    }
  g_string_append_c (s, '"');
}

/* a number member, left out when it is @absent (the default) */
static void
append_int_member (GString    *s,
                   const char *key,
                   gint64      value,
                   gint64      absent)
{
  if (value == absent)
    return;
  append_key (s, key);
  g_string_append_printf (s, "%" G_GINT64_FORMAT, value);
}

/* a member whose value is JSON already (owned, freed here) */
static void
append_json_member (GString    *s,
                    const char *key,
                    char       *json)
{
  if (json == NULL)
    return;
  append_key (s, key);
  g_string_append (s, json);
  g_free (json);
}

/* The fields of @o stored in offers.details, with the keys and defaults of
 * data/sql/0008-offers-details.sql (OFFER_COLUMNS reads them back). */
char *
sp_store_offer_details_to_json (SpOffer *o)
{
  GString *s;

  /* the usual case, on the hot path of the ingest: nothing to store */
  if (o->min_commitment == NULL && o->tax == SP_TAX_UNKNOWN && o->tiers == NULL &&
      o->valid_from == 0 && o->valid_to == 0 &&
      o->storage_stopped_gb_month == SP_MONEY_UNKNOWN && o->egress_gb == SP_MONEY_UNKNOWN &&
      o->min_billing_seconds == 0 && o->fapiao == SP_FAPIAO_UNKNOWN && o->note == NULL &&
      o->price_source_url == NULL && o->verified_at == NULL && o->attribution == NULL &&
      o->cache_write_price == SP_MONEY_UNKNOWN && o->variants == NULL &&
      o->host_price == SP_MONEY_UNKNOWN)
    return NULL;

  s = g_string_new ("{");
  append_text_member (s, "min_commitment", o->min_commitment);
  if (o->tax != SP_TAX_UNKNOWN)
    append_text_member (s, "tax", sp_tax_basis_to_string (o->tax));
  append_json_member (s, "tiers", sp_store_tiers_to_json (o->tiers));
  append_int_member (s, "valid_from", o->valid_from, 0);
  append_int_member (s, "valid_to", o->valid_to, 0);
  append_int_member (s, "storage_stopped_gb_month", o->storage_stopped_gb_month,
                     SP_MONEY_UNKNOWN);
  append_int_member (s, "egress_gb", o->egress_gb, SP_MONEY_UNKNOWN);
  append_int_member (s, "min_billing_seconds", o->min_billing_seconds, 0);
  if (o->fapiao != SP_FAPIAO_UNKNOWN)
    append_text_member (s, "fapiao", sp_fapiao_to_string (o->fapiao));
  append_text_member (s, "note", o->note);
  append_text_member (s, "price_source_url", o->price_source_url);
  append_text_member (s, "verified_at", o->verified_at);
  append_text_member (s, "attribution", o->attribution);
  append_int_member (s, "cache_write_price", o->cache_write_price, SP_MONEY_UNKNOWN);
  append_json_member (s, "variants", sp_store_variants_to_json (o->variants));
  append_int_member (s, "host_price", o->host_price, SP_MONEY_UNKNOWN);
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

static JsonArray *
parse_json_array (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  return json_array_ref (json_node_get_array (root));
}

static gboolean
json_money (JsonArray *a, guint i, SpMoney *out)
{
  JsonNode *n = json_array_get_element (a, i);

  if (JSON_NODE_HOLDS_NULL (n))
    {
      *out = SP_MONEY_UNKNOWN;
      return TRUE;
    }
  if (json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return TRUE;
}

static gboolean
json_int (JsonArray *a, guint i, gint64 *out)
{
  JsonNode *n = json_array_get_element (a, i);

  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return TRUE;
}

/* The rows written by rows_to_json(): @text (NULL: no array) holds arrays
 * of @n_cells cells each; @read fills one element of @size bytes from one. */
static gboolean
rows_from_json (const char  *text,
                guint        n_cells,
                guint        size,
                gboolean   (*read) (JsonArray *cells, gpointer element),
                GArray     **out)
{
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autofree gpointer element = g_malloc0 (size);

  *out = NULL;
  if (text == NULL)
    return TRUE;
  array = parse_json_array (text);
  if (array == NULL)
    return FALSE;
  rows = g_array_sized_new (FALSE, TRUE, size, json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);
      JsonArray *cells;

      if (!JSON_NODE_HOLDS_ARRAY (n))
        return FALSE;
      cells = json_node_get_array (n);
      if (json_array_get_length (cells) != n_cells || !read (cells, element))
        return FALSE;
      g_array_append_vals (rows, element, 1);
    }
  *out = g_steal_pointer (&rows);
  return TRUE;
}

static gboolean
read_tier (JsonArray *t, gpointer element)
{
  SpTokenTier *tier = element;

  return json_int (t, 0, &tier->above_tokens) &&
         json_money (t, 1, &tier->input) &&
         json_money (t, 2, &tier->output) &&
         json_money (t, 3, &tier->cached_input);
}

static gboolean
read_variant (JsonArray *t, gpointer element)
{
  SpPriceVariant *v = element;
  JsonNode *cond = json_array_get_element (t, 0);
  gint64 off_peak;

  if (!JSON_NODE_HOLDS_VALUE (cond) || json_node_get_value_type (cond) != G_TYPE_STRING ||
      !sp_variant_condition_from_string (json_node_get_string (cond), &v->condition))
    return FALSE;
  if (!json_int (t, 1, &off_peak) || !json_int (t, 2, &v->start) || !json_int (t, 3, &v->end) ||
      !json_money (t, 4, &v->input) || !json_money (t, 5, &v->output) ||
      !json_money (t, 6, &v->cached_input) || !json_money (t, 7, &v->cache_write))
    return FALSE;
  v->off_peak = off_peak != 0;
  return TRUE;
}

static gboolean
strv_from_json (const char *text, char ***out)
{
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  *out = NULL;
  if (text == NULL)
    return TRUE;
  array = parse_json_array (text);
  if (array == NULL)
    return FALSE;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (n));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}
SpOffer *
sp_store_offer_from_row (sqlite3_stmt  *stmt,
                         GError       **error)
{
  g_autoptr(SpOffer) o = sp_offer_new ();
  const char *kind = (const char *) sqlite3_column_text (stmt, COL_KIND);
  const char *billing = (const char *) sqlite3_column_text (stmt, COL_BILLING);
  const char *tax = (const char *) sqlite3_column_text (stmt, COL_TAX);
  const char *fapiao = (const char *) sqlite3_column_text (stmt, COL_FAPIAO);

  o->id = column_dup (stmt, COL_ID);
  o->source = column_intern (stmt, COL_SOURCE);
  o->vendor_id = column_intern (stmt, COL_VENDOR_ID);
  o->vendor_name = column_intern (stmt, COL_VENDOR_NAME);
  o->vendor_name_zh = column_intern (stmt, COL_VENDOR_NAME_ZH);
  if (!sp_offer_kind_from_string (kind, &o->kind) ||
      !sp_billing_from_string (billing, &o->billing) ||
      !sp_tax_basis_from_string (tax, &o->tax) ||
      !sp_fapiao_from_string (fapiao, &o->fapiao))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("Offer “%s” in the database has an unknown kind, billing, tax or "
                     "fapiao value"), o->id);
      return NULL;
    }
  o->name = column_dup (stmt, COL_NAME);
  o->model = column_dup (stmt, COL_MODEL);
  o->gpu_model = column_intern (stmt, COL_GPU_MODEL);
  o->gpu_count = column_uint (stmt, COL_GPU_COUNT);
  o->gpu_memory_gb = column_uint (stmt, COL_GPU_MEMORY_GB);
  o->vcpus_milli = column_uint (stmt, COL_VCPUS_MILLI);
  o->ram_mib = column_uint (stmt, COL_RAM_MIB);
  o->region = column_intern (stmt, COL_REGION);
  o->min_commitment = column_dup (stmt, COL_MIN_COMMITMENT);
  o->currency = column_intern (stmt, COL_CURRENCY);
  o->price = column_money (stmt, COL_PRICE);
  o->input_price = column_money (stmt, COL_INPUT_PRICE);
  o->output_price = column_money (stmt, COL_OUTPUT_PRICE);
  o->cached_input_price = column_money (stmt, COL_CACHED_INPUT_PRICE);
  o->context_window = sqlite3_column_int64 (stmt, COL_CONTEXT_WINDOW);
  o->list_price = column_dup (stmt, COL_LIST_PRICE);
  o->list_unit = column_intern (stmt, COL_LIST_UNIT);
  o->valid_from = sqlite3_column_int64 (stmt, COL_VALID_FROM);
  o->valid_to = sqlite3_column_int64 (stmt, COL_VALID_TO);
  o->storage_stopped_gb_month = column_money (stmt, COL_STORAGE_STOPPED_GB_MONTH);
  o->egress_gb = column_money (stmt, COL_EGRESS_GB);
  o->min_billing_seconds = column_uint (stmt, COL_MIN_BILLING_SECONDS);
  o->note = column_dup (stmt, COL_NOTE);
  o->demo = sqlite3_column_int (stmt, COL_DEMO) != 0;
  o->fetched_at = sqlite3_column_int64 (stmt, COL_FETCHED_AT);
  o->price_source_url = column_dup (stmt, COL_PRICE_SOURCE_URL);
  o->verified_at = column_dup (stmt, COL_VERIFIED_AT);
  o->retired = sqlite3_column_int (stmt, COL_RETIRED) != 0;
  o->attribution = column_intern (stmt, COL_ATTRIBUTION);
  o->cache_write_price = column_money (stmt, COL_CACHE_WRITE_PRICE);
  o->gpu_fraction = column_dup (stmt, COL_GPU_FRACTION);
  o->host = column_intern (stmt, COL_HOST);
  o->host_price = column_money (stmt, COL_HOST_PRICE);
  if (!rows_from_json ((const char *) sqlite3_column_text (stmt, COL_TIERS), 4,
                       sizeof (SpTokenTier), read_tier, &o->tiers) ||
      !rows_from_json ((const char *) sqlite3_column_text (stmt, COL_VARIANTS), 8,
                       sizeof (SpPriceVariant), read_variant, &o->variants) ||
      !strv_from_json ((const char *) sqlite3_column_text (stmt, COL_VOUCHER_PROGRAMMES),
                       &o->voucher_programmes))
    {
      g_set_error (error, SP_STORE_ERROR, SP_STORE_ERROR_CORRUPT,
                   _("Offer “%s” in the database has damaged tiers or voucher programmes"),
                   o->id);
      return NULL;
    }
  return g_steal_pointer (&o);
}
