/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sp-window.c — the main window: a view switcher over the four areas */
#include "config.h"

#include <glib/gi18n.h>

#include "sp-dialogs.h"
#include "sp-offers-page.h"
#include "sp-rss.h"
#include "sp-sources-page.h"
#include "sp-vouchers-page.h"
#include "sp-spending-page.h"
#include "sp-window.h"
#include "sp-subsidies-window.h"

struct _SpWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwViewStack         *stack;
  AdwToastOverlay      *toast_overlay;
  GtkBox               *content_box;
  AdwViewSwitcherTitle *switcher_title;

  /* owned: made once the first frame is painted, when it starts loading
   * (ensure_offers_page (), start_offers_load ()), in the stack from then
   * on (attach_offers ()); NULL until then */
  SpOffersPage         *offers_page;
  /* the other pages, built after the first frame (build_rest ()); the
   * stack owns them, NULL until then */
  SpSourcesPage        *sources_page;
  SpVouchersPage       *vouchers_page;
  SpSpendingPage       *spending_page;

  /* owned */
  GSettings            *settings;
  guint                 load_rest_id;   /* timeout: load the other pages */
  gulong                first_paint_id; /* frame clock handler, until then */
  gboolean              rest_loaded;    /* load_rest () ran */
  gboolean              rest_started;   /* start_rest () ran */
  gboolean              spending_loaded;
  gboolean              offers_attached;
  gboolean              offers_load_due; /* start_offers_load () */
  gboolean              swapping;       /* replace_page () is at work */
};

G_DEFINE_FINAL_TYPE (SpWindow, sp_window, ADW_TYPE_APPLICATION_WINDOW)

static void load_rest (SpWindow *self);
static void build_page (SpWindow *self, const char *name);
static void schedule_rest (SpWindow *self);
static void on_offers_page_error (SpOffersPage *page,
                                  const char   *message,
                                  SpWindow     *self);

/* The Offers page, made after the first frame (which shows an empty
 * placeholder): its 61 widgets took a tenth of the main thread's time to
 * that frame */
static SpOffersPage *
ensure_offers_page (SpWindow *self)
{
  if (self->offers_page != NULL)
    return self->offers_page;
  self->offers_page = g_object_ref_sink (g_object_new (SP_TYPE_OFFERS_PAGE, NULL));
  g_signal_connect (self->offers_page, "error", G_CALLBACK (on_offers_page_error), self);
  g_signal_connect_swapped (self->offers_page, "notify::state", G_CALLBACK (schedule_rest), self);
  return self->offers_page;
}

/* The catalog's read (sp_offers_page_load ()), once */
static void
start_offers_load (SpWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!self->offers_load_due || !SP_IS_APPLICATION (app))
    return;
  self->offers_load_due = FALSE;
  sp_offers_page_load (ensure_offers_page (self), SP_APPLICATION (app));
}

static void
save_window_state (SpWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
restore_window_state (SpWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 360));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
sp_window_close_request (GtkWindow *window)
{
  SpWindow *self = SP_WINDOW (window);

  save_window_state (self);
  return GTK_WINDOW_CLASS (sp_window_parent_class)->close_request (window);
}

static void
on_offers_page_error (SpOffersPage *page,
                      const char   *message,
                      SpWindow     *self)
{
  /* the message may quote a path or a parser error */
  sp_toast_overlay_show_message (self->toast_overlay, message, 0);
}

/* The whole database was restored from a backup: read it again. */
static void
on_database_restored (SpSpendingPage *page,
                      SpWindow       *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!SP_IS_APPLICATION (app))
    return;
  /* the Offers, Vouchers and Spending pages heard it from the store
   * service; a Sources page not built yet reads them when first shown */
  if (self->sources_page != NULL)
    sp_sources_page_load (self->sources_page, SP_APPLICATION (app));
}

static void
action_refresh (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  SpWindow *self = user_data;

  build_page (self, "sources");
  sp_sources_page_refresh (self->sources_page, NULL);
}

/* win.show-offer (source, id, name): the Offers page, searching for the
 * offer (the Spending page's reprice panel opens its alternatives so) */
static void
action_show_offer (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  SpWindow *self = user_data;
  const char *source, *id, *name;

  g_variant_get (param, "(&s&s&s)", &source, &id, &name);
  adw_view_stack_set_visible_child_name (self->stack, "offers");
  sp_offers_page_set_search (ensure_offers_page (self), *name != '\0' ? name : id);
}

/* win.subsidies: the Subsidies panel (issue 19) */
static void
action_subsidies (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (user_data));

  if (SP_IS_APPLICATION (app))
    gtk_window_present (GTK_WINDOW (sp_subsidies_window_new (GTK_WINDOW (user_data),
                                                             sp_application_get_store_path (SP_APPLICATION (app)))));
}

/* win.show-page (name): one of the pages ("vouchers" from the redeem
 * window's toast) */
static void
action_show_page (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  SpWindow *self = user_data;

  adw_view_stack_set_visible_child_name (self->stack, g_variant_get_string (param, NULL));
}

/* The template's stack holds empty placeholders with the pages' names,
 * titles and icons (so the view switcher is whole from the first frame);
 * building, styling and measuring the pages before the first frame made
 * the window appear 1.9 × as late as a minimal libadwaita window. This swaps
 * the placeholders @names for @pages, keeping the order of the pages and the
 * page shown (a stack appends: the pages from the first one swapped on are
 * taken out and put back; those before it stay, so the loaded Offers page,
 * the first, is not unrooted: its list would rebuild its rows). */
static void
replace_pages (SpWindow          *self,
               const char *const *names,
               GtkWidget        **pages,
               guint              n_pages)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) child_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) icons = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *shown = g_strdup (adw_view_stack_get_visible_child_name (self->stack));
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
  gboolean moving = FALSE;

  self->swapping = TRUE;
  while (child != NULL)
    {
      AdwViewStackPage *stack_page = adw_view_stack_get_page (self->stack, child);
      const char *child_name = adw_view_stack_page_get_name (stack_page);
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      GtkWidget *page = child;

      for (guint i = 0; i < n_pages; i++)
        if (g_str_equal (child_name, names[i]))
          page = pages[i];
      moving |= page != child;
      if (moving)
        {
          g_ptr_array_add (children, g_object_ref (page));
          g_ptr_array_add (child_names, g_strdup (child_name));
          g_ptr_array_add (titles, g_strdup (adw_view_stack_page_get_title (stack_page)));
          g_ptr_array_add (icons, g_strdup (adw_view_stack_page_get_icon_name (stack_page)));
          adw_view_stack_remove (self->stack, child);
        }
      child = next;
    }
  for (guint i = 0; i < children->len; i++)
    adw_view_stack_page_set_icon_name (adw_view_stack_add_titled (self->stack, children->pdata[i],
                                                                  child_names->pdata[i], titles->pdata[i]),
                                       icons->pdata[i]);
  if (shown != NULL)
    adw_view_stack_set_visible_child_name (self->stack, shown);
  self->swapping = FALSE;
}

static void
replace_page (SpWindow   *self,
              const char *name,
              GtkWidget  *page)
{
  replace_pages (self, &name, &page, 1);
}

/* The view switcher at the bottom, shown when the window is too narrow for
 * the one in the header bar: made after the first frame, like the pages
 * (building and styling it took 4 ms before that frame) */
static void
add_switcher_bar (SpWindow *self)
{
  GtkWidget *bar = adw_view_switcher_bar_new ();

  adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (bar), self->stack);
  g_object_bind_property (self->switcher_title, "title-visible", bar, "reveal", G_BINDING_SYNC_CREATE);
  gtk_box_append (self->content_box, bar);
}

/* The Offers page (and the switcher bar) go on screen right after the
 * first frame (the header bar and an empty page) */
static void
attach_offers (SpWindow *self)
{
  if (self->offers_attached)
    return;
  self->offers_attached = TRUE;
  start_offers_load (self);
  replace_page (self, "offers", GTK_WIDGET (ensure_offers_page (self)));
  /* after the swap (which takes every page out and puts it back) */
  add_switcher_bar (self);
  sp_offers_page_bench_hook (self->offers_page);
}

static void load_spending (SpWindow *self);

/* The Vouchers, Spending and Sources pages, each built (and its data read)
 * when it is first shown or asked for, not at start-up: building the three
 * and reading the wallet snapshot and the sources after the offers were
 * shown cost ~40 ms of the main thread and ~45 ms of the store's worker
 * that a user looking at the offers did not need (docs/performance.md).
 * Builds those of @names not built yet, in one swap; the Sources and
 * Vouchers pages start reading their data at once (the Spending page's
 * ledger waits until it is shown: load_spending ()). */
static void
build_pages (SpWindow          *self,
             const char *const *names,
             guint              n_names)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *swap_names[3];
  GtkWidget *pages[3];
  gboolean new_sources = FALSE, new_vouchers = FALSE;
  guint n = 0;

  attach_offers (self);
  for (guint i = 0; i < n_names; i++)
    {
      if (g_str_equal (names[i], "vouchers") && self->vouchers_page == NULL)
        {
          self->vouchers_page = g_object_new (SP_TYPE_VOUCHERS_PAGE, NULL);
          pages[n] = GTK_WIDGET (self->vouchers_page);
          new_vouchers = TRUE;
        }
      else if (g_str_equal (names[i], "spending") && self->spending_page == NULL)
        {
          self->spending_page = g_object_new (SP_TYPE_SPENDING_PAGE, NULL);
          g_signal_connect (self->spending_page, "database-restored",
                            G_CALLBACK (on_database_restored), self);
          pages[n] = GTK_WIDGET (self->spending_page);
        }
      else if (g_str_equal (names[i], "sources") && self->sources_page == NULL)
        {
          self->sources_page = g_object_new (SP_TYPE_SOURCES_PAGE, NULL);
          pages[n] = GTK_WIDGET (self->sources_page);
          new_sources = TRUE;
        }
      else
        continue;
      swap_names[n++] = names[i];
    }
  if (n == 0)
    return;
  replace_pages (self, swap_names, pages, n);
  if (!SP_IS_APPLICATION (app))
    return;
  if (new_sources)
    sp_sources_page_load (self->sources_page, SP_APPLICATION (app));
  if (new_vouchers)
    sp_vouchers_page_load (self->vouchers_page, SP_APPLICATION (app));
}

static void
build_page (SpWindow   *self,
            const char *name)
{
  build_pages (self, &name, 1);
}

/* win.show-help-overlay (Ctrl+?): the shortcuts window, built when first
 * asked for (GTK builds a gtk/help-overlay.ui resource with every
 * application window: 4 ms before the first frame) */
static void
action_show_help_overlay (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* takes it; the window's own action stays this one */
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static const GActionEntry win_actions[] = {
  { "show-help-overlay", action_show_help_overlay },
  { "refresh", action_refresh },
  { "subsidies", action_subsidies },
  { "show-page", action_show_page, "s" },
  { "show-offer", action_show_offer, "(sss)" },
};

/* The Spending page reads the ledger and reprices it at today's offers
 * (every offer of the catalog read as an SpOffer, seconds and hundreds of
 * MB at 1,000,000 offers): only once it is shown, or asked for. */
static void
load_spending (SpWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->spending_loaded || self->spending_page == NULL || !SP_IS_APPLICATION (app))
    return;
  self->spending_loaded = TRUE;
  sp_spending_page_load (self->spending_page, SP_APPLICATION (app));
}

/* All the pages at once (whoever asks for the stack, a refresh, a restored
 * database): the Offers page loads from the first frame on (and is shown
 * from the second frame on); the others are otherwise built when first
 * shown (on_visible_page_changed ()). */
static void
load_rest (SpWindow *self)
{
  static const char *const names[] = { "vouchers", "spending", "sources" };

  if (self->rest_loaded)
    return;
  self->rest_loaded = TRUE;
  g_clear_handle_id (&self->load_rest_id, g_source_remove);
  start_offers_load (self);
  build_pages (self, names, G_N_ELEMENTS (names));
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "spending") == 0)
    load_spending (self);
}

/* What start-up needs of the other pages once the offers are shown: only
 * the Sources page, when sources are to be refreshed at start-up (it
 * drives the refresh and shows its progress).  The watchlist's toasts and
 * the wallet's prices are the Offers page's; nothing else of the other
 * pages shows before one of them is. */
static void
start_rest (SpWindow *self)
{
  if (self->rest_started)
    return;
  self->rest_started = TRUE;
  g_clear_handle_id (&self->load_rest_id, g_source_remove);
  attach_offers (self);
  if (self->settings != NULL && g_settings_get_boolean (self->settings, "refresh-on-start"))
    build_page (self, "sources");
}

static gboolean
load_rest_cb (gpointer data)
{
  SpWindow *self = data;

  self->load_rest_id = 0;
  start_rest (self);
  return G_SOURCE_REMOVE;
}

/* What the other pages need at start-up, once the offers are in and the
 * main loop has nothing else waiting */
static void
schedule_rest (SpWindow *self)
{
  if (self->rest_started || self->load_rest_id != 0 || !self->offers_attached ||
      self->offers_page == NULL ||
      g_strcmp0 (sp_offers_page_get_state (self->offers_page), "loading") == 0)
    return;
  self->load_rest_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, load_rest_cb, self, NULL);
}

/* The Offers page and the switcher bar go in at once (the next frame shows
 * them), the other pages once the offers are shown (schedule_rest ()) */
static gboolean
after_first_frame_cb (gpointer data)
{
  SpWindow *self = data;

  self->load_rest_id = 0;
  attach_offers (self);
  schedule_rest (self);
  return G_SOURCE_REMOVE;
}

static void
on_first_paint (GdkFrameClock *clock,
                SpWindow      *self)
{
  g_signal_handler_disconnect (clock, self->first_paint_id);
  self->first_paint_id = 0;
  sp_offers_page_bench_first_frame ();
  /* the main thread's CPU time to this frame (bench-offers-ui), which does
   * not depend on the machine's load */
  if (g_getenv ("SUANPAN_BENCH_FIRST_FRAME") != NULL)
    {
      g_print ("SUANPAN_BENCH main-cpu %" G_GINT64_FORMAT "\n", sp_thread_cpu_us ());
      fflush (stdout);
    }
  start_offers_load (self);
  if (self->rest_loaded)
    return;
  /* after this frame is on screen, before anything else */
  g_clear_handle_id (&self->load_rest_id, g_source_remove);
  self->load_rest_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, after_first_frame_cb, self, NULL);
}

static void
on_window_realize (GtkWidget *widget,
                   gpointer   data)
{
  SpWindow *self = SP_WINDOW (widget);

  if (!self->offers_attached && self->first_paint_id == 0)
    self->first_paint_id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)),
                                             "after-paint", G_CALLBACK (on_first_paint), self);
}

static void
on_window_unrealize (GtkWidget *widget,
                     gpointer   data)
{
  SpWindow *self = SP_WINDOW (widget);

  if (self->first_paint_id != 0)
    g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), self->first_paint_id);
  self->first_paint_id = 0;
}

static void
on_visible_page_changed (SpWindow *self)
{
  /* a copy: building the page swaps the placeholder whose name this is
   * out of the stack (which frees it) */
  g_autofree char *name = g_strdup (adw_view_stack_get_visible_child_name (self->stack));

  if (self->swapping || name == NULL)
    return;
  /* the page is built now, on its first showing (an empty placeholder
   * until then): its state pages show while its data is read */
  if (g_strcmp0 (name, "offers") != 0)
    build_page (self, name);
  if (g_strcmp0 (name, "spending") == 0)
    load_spending (self);
}

static void
sp_window_dispose (GObject *object)
{
  SpWindow *self = SP_WINDOW (object);

  g_clear_handle_id (&self->load_rest_id, g_source_remove);
  if (self->offers_page != NULL)
    g_signal_handlers_disconnect_by_func (self->offers_page, schedule_rest, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_WINDOW);
  g_clear_object (&self->offers_page);
  /* the stack owned them */
  self->sources_page = NULL;
  self->vouchers_page = NULL;
  self->spending_page = NULL;
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sp_window_parent_class)->dispose (object);
}

static void
sp_window_class_init (SpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sp_window_dispose;
  window_class->close_request = sp_window_close_request;

  g_type_ensure (SP_TYPE_OFFERS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, SpWindow, switcher_title);
}

static void
sp_window_init (SpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "realize", G_CALLBACK (on_window_realize), NULL);
  g_signal_connect (self, "unrealize", G_CALLBACK (on_window_unrealize), NULL);
  g_signal_connect_swapped (self->stack, "notify::visible-child-name",
                            G_CALLBACK (on_visible_page_changed), self);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
}

SpWindow *
sp_window_new (SpApplication *app)
{
  SpWindow *self;

  g_return_val_if_fail (SP_IS_APPLICATION (app), NULL);

  self = g_object_new (SP_TYPE_WINDOW, "application", app, NULL);
  self->settings = g_object_ref (sp_application_get_settings (app));
  restore_window_state (self);
  /* the Offers page is made and reads the catalog once the first frame is
   * painted (on_first_paint ()): the reading threads and the page's making
   * delayed that frame (docs/performance.md, "The first frame before the
   * catalog") */
  self->offers_load_due = TRUE;
  /* the pages: after the first frame, or in 0.5 s without one */
  self->load_rest_id = g_timeout_add (500, load_rest_cb, self);
  return self;
}

AdwViewStack *
sp_window_get_stack (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), NULL);
  /* whoever looks at the pages gets them loaded */
  load_rest (self);
  load_spending (self);
  return self->stack;
}

gboolean
sp_window_has_offers_page (SpWindow *self)
{
  g_return_val_if_fail (SP_IS_WINDOW (self), FALSE);
  return self->offers_page != NULL;
}
