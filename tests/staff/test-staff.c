/* test-staff.c — staff PINs, the staff file and the lockout, on real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "staff/loket-staff-private.h"

typedef struct {
  gint64      monotonic;
  gint64      wall;
  const char *boot;
} TestClock;

static void
read_test_clock (LoketStaffClock *clock,
                 gpointer         user_data)
{
  TestClock *test = user_data;

  clock->monotonic = test->monotonic;
  clock->wall = test->wall;
  g_strlcpy (clock->boot_id, test->boot, sizeof clock->boot_id);
}

typedef struct {
  char       *dir;
  char       *file;
  LoketStaff *staff;
  TestClock   clock;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("loket-staff-XXXXXX", &error);
  g_assert_no_error (error);
  f->file = g_build_filename (f->dir, "staff", NULL);
  f->staff = loket_staff_new (f->file, f->dir);
  f->clock = (TestClock) { 1000 * G_USEC_PER_SEC, G_GINT64_CONSTANT (1796000000) * G_USEC_PER_SEC, "boot-a" };
  loket_staff_set_clock (f->staff, read_test_clock, &f->clock);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->staff);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->file);
}

static void
add (Fixture    *f,
     const char *name,
     const char *pin)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (loket_staff_add (f->staff, "test", name, pin, pin, &error));
  g_assert_no_error (error);
}

static void
test_pin_rules (void)
{
  static const struct {
    const char *pin;
    int         code;   /* -1: accepted */
  } cases[] = {
    { "135792", -1 }, { "908172635412", -1 }, { "890123", -1 }, { "112233", -1 },
    { "12345", LOKET_STAFF_ERROR_PIN_FORMAT }, { "1357924680135", LOKET_STAFF_ERROR_PIN_FORMAT },
    { "13579a", LOKET_STAFF_ERROR_PIN_FORMAT }, { "", LOKET_STAFF_ERROR_PIN_FORMAT },
    { " 135792", LOKET_STAFF_ERROR_PIN_FORMAT }, { "１３５７９２", LOKET_STAFF_ERROR_PIN_FORMAT },
    { "000000", LOKET_STAFF_ERROR_PIN_TRIVIAL }, { "777777777", LOKET_STAFF_ERROR_PIN_TRIVIAL },
    { "123456", LOKET_STAFF_ERROR_PIN_TRIVIAL }, { "654321", LOKET_STAFF_ERROR_PIN_TRIVIAL },
    { "3456789", LOKET_STAFF_ERROR_PIN_TRIVIAL }, { "987654321", LOKET_STAFF_ERROR_PIN_TRIVIAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = loket_staff_pin_check (cases[i].pin, &error);

      g_test_message ("PIN '%s'", cases[i].pin);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, LOKET_STAFF_ERROR, cases[i].code);
          g_assert_false (ok);
        }
    }
}

static void
test_hash_right_and_wrong (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = loket_staff_pin_hash ("135792", &error);
  g_autofree char *again = loket_staff_pin_hash ("135792", NULL);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_true (loket_staff_hash_is_valid (hash));
  /* A fresh salt each time. */
  g_assert_cmpstr (hash, !=, again);
  g_assert_true (loket_staff_pin_matches (hash, "135792"));
  g_assert_true (loket_staff_pin_matches (again, "135792"));
  g_assert_false (loket_staff_pin_matches (hash, "135793"));
  g_assert_false (loket_staff_pin_matches (hash, "1357920"));
  g_assert_false (loket_staff_pin_matches (hash, ""));
  g_assert_false (loket_staff_pin_matches ("$1$abc$def", "135792"));
}

static void
test_each_own_pin (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *text = NULL;

  add (f, "Siti", "135792");
  add (f, "Budi Santoso", "246813");

  names = loket_staff_dup_names (f->staff, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "Siti");
  g_assert_cmpstr (names[1], ==, "Budi Santoso");

  g_assert_true (loket_staff_login (f->staff, "Siti", "135792", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (loket_staff_login (f->staff, "Budi Santoso", "246813", NULL, &error));
  g_assert_no_error (error);
  /* One staff member's PIN is not another's. */
  g_assert_false (loket_staff_login (f->staff, "Siti", "246813", NULL, &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_false (loket_staff_login (f->staff, "Nobody", "135792", NULL, &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_WRONG_PIN);
  g_clear_error (&error);

  /* No PIN is stored, only hashes. */
  g_assert_true (g_file_get_contents (f->file, &text, NULL, NULL));
  g_assert_null (strstr (text, "135792"));
  g_assert_null (strstr (text, "246813"));

  /* A name taken twice is refused; removing frees it. */
  g_assert_false (loket_staff_add (f->staff, "test", "Siti", "975310", "975310", &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (loket_staff_remove (f->staff, "test", "Siti", &error));
  g_assert_no_error (error);
  g_assert_false (loket_staff_login (f->staff, "Siti", "135792", NULL, &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_false (loket_staff_remove (f->staff, "test", "Siti", &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_UNKNOWN);
}

static void
test_add_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_false (loket_staff_add (f->staff, "test", "Siti", "135792", "135793", &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_PIN_MISMATCH);
  g_clear_error (&error);
  g_assert_false (loket_staff_add (f->staff, "test", "Siti", "111111", "111111", &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_PIN_TRIVIAL);
  g_clear_error (&error);
  g_assert_false (loket_staff_add (f->staff, "test", "Si:ti", "135792", "135792", &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_NAME);
  g_clear_error (&error);
  g_assert_false (loket_staff_add (f->staff, "test", " Siti", "135792", "135792", &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_NAME);
  g_clear_error (&error);

  names = loket_staff_dup_names (f->staff, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_assert_false (g_file_test (f->file, G_FILE_TEST_EXISTS));
}

static void
test_file_modes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  GStatBuf st;

  add (f, "Siti", "135792");
  g_assert_cmpint (g_stat (f->file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* Readable by others: refused, by name of file and mode. */
  g_assert_cmpint (g_chmod (f->file, 0644), ==, 0);
  names = loket_staff_dup_names (f->staff, &error);
  g_assert_null (names);
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, f->file));
  g_assert_nonnull (strstr (error->message, "0644"));
  g_clear_error (&error);
  g_assert_false (loket_staff_login (f->staff, "Siti", "135792", NULL, &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_FILE);
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (f->file, 0640), ==, 0);
  g_assert_false (loket_staff_file_check (f->file, NULL, &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_FILE);
  g_clear_error (&error);

  /* Rewritten by an add: 0600 again. */
  g_assert_cmpint (g_chmod (f->file, 0600), ==, 0);
  add (f, "Budi", "246813");
  g_assert_cmpint (g_stat (f->file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
}

static void
test_tampered_line (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *good = NULL;
  g_autofree char *hash_line = NULL;
  const char *hash;
  const char *bad[] = {
    "Siti:135792\n",                                       /* a PIN in clear */
    "Siti:$1$salt$abcdefghijklmnopqrstuv\n",               /* MD5 crypt */
    "Siti\n",                                               /* no hash */
    NULL,                                                   /* the hash cut short */
    NULL,                                                   /* a foreign symbol in it */
    NULL,                                                   /* a name twice */
  };
  g_autofree char *short_hash = NULL;
  g_autofree char *odd_hash = NULL;
  g_autofree char *twice = NULL;
  g_autoptr(GError) error = NULL;

  add (f, "Siti", "135792");
  g_assert_true (g_file_get_contents (f->file, &good, NULL, NULL));
  hash = strchr (good, ':') + 1;
  hash_line = g_strndup (hash, strcspn (hash, "\n"));
  short_hash = g_strdup_printf ("Siti:%.*s\n", (int) strlen (hash_line) - 1, hash_line);
  odd_hash = g_strdup_printf ("Siti:%s\n", hash_line);
  odd_hash[strlen (odd_hash) - 3] = '!';
  twice = g_strdup_printf ("Siti:%s\nSiti:%s\n", hash_line, hash_line);
  bad[3] = short_hash;
  bad[4] = odd_hash;
  bad[5] = twice;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("staff file: %s", bad[i]);
      write_file (f->file, bad[i]);
      g_assert_false (loket_staff_login (f->staff, "Siti", "135792", NULL, &error));
      g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_FILE);
      g_assert_nonnull (strstr (error->message, f->file));
      g_clear_error (&error);
    }

  /* A well-formed hash of another PIN is just a wrong PIN. */
  write_file (f->file, good);
  g_assert_true (loket_staff_login (f->staff, "Siti", "135792", NULL, &error));
  g_assert_no_error (error);
}

/* Wrong PINs until the n-th, each after the previous wait. */
static void
fail_n (Fixture           *f,
        guint              n,
        LoketStaffLockout *lockout)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      f->clock.monotonic += MAX (lockout->wait_us, 0) + 1;
      g_assert_false (loket_staff_login (f->staff, "Siti", "000001", lockout, &error));
      g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_WRONG_PIN);
    }
}

static void
test_lockout_timing (Fixture       *f,
                     gconstpointer  data)
{
  static const gint64 waits[] = { 0, 0, 0, 0, 0, 15, 30, 60, 120, 240, 480, 900, 900, 900,
                                  900, 900, 900, 900, 900, -1 };
  LoketStaffLockout lockout = { 0 };
  g_autoptr(GError) error = NULL;

  add (f, "Siti", "135792");
  for (guint i = 0; i < G_N_ELEMENTS (waits); i++)
    {
      g_assert_cmpint (loket_staff_lockout_wait_s (i + 1), ==, waits[i]);
      fail_n (f, 1, &lockout);
      g_assert_cmpuint (lockout.failures, ==, i + 1);
      g_assert_cmpint (lockout.hard, ==, waits[i] < 0);
      g_assert_cmpint (lockout.wait_us, ==, MAX (waits[i], 0) * G_USEC_PER_SEC);
      if (waits[i] > 0)
        {
          /* Even the right PIN waits, and the refusal is not counted. */
          f->clock.monotonic += waits[i] * G_USEC_PER_SEC - 2 * G_USEC_PER_SEC;
          g_assert_false (loket_staff_login (f->staff, "Siti", "135792", &lockout, &error));
          g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_LOCKED);
          g_clear_error (&error);
          g_assert_cmpint (lockout.wait_us, ==, 2 * G_USEC_PER_SEC);
          g_assert_cmpuint (lockout.failures, ==, i + 1);
          lockout.wait_us = 2 * G_USEC_PER_SEC;
        }
    }

  /* After 20: a day later still closed, until an unlock. */
  f->clock.monotonic += (gint64) 86400 * G_USEC_PER_SEC;
  g_assert_false (loket_staff_login (f->staff, "Siti", "135792", &lockout, &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_LOCKED_HARD);
  g_clear_error (&error);
  g_assert_true (loket_staff_unlock (f->staff, "test", &error));
  g_assert_no_error (error);
  g_assert_true (loket_staff_login (f->staff, "Siti", "135792", &lockout, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lockout.failures, ==, 0);
}

static void
test_right_pin_resets_count (Fixture       *f,
                             gconstpointer  data)
{
  LoketStaffLockout lockout = { 0 };

  add (f, "Siti", "135792");
  fail_n (f, 5, &lockout);
  g_assert_cmpuint (lockout.failures, ==, 5);
  g_assert_true (loket_staff_login (f->staff, "Siti", "135792", &lockout, NULL));
  g_assert_cmpuint (lockout.failures, ==, 0);
  /* Five more are free again. */
  fail_n (f, 5, &lockout);
  g_assert_cmpint (lockout.wait_us, ==, 0);
  fail_n (f, 1, &lockout);
  g_assert_cmpint (lockout.wait_us, ==, 15 * G_USEC_PER_SEC);
}

static void
test_wall_clock_changes_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  LoketStaffLockout lockout = { 0 };
  g_autoptr(GError) error = NULL;

  add (f, "Siti", "135792");
  fail_n (f, 7, &lockout);
  g_assert_cmpint (lockout.wait_us, ==, 30 * G_USEC_PER_SEC);

  f->clock.monotonic += 10 * G_USEC_PER_SEC;
  f->clock.wall += (gint64) 3600 * G_USEC_PER_SEC;
  g_assert_true (loket_staff_get_lockout (f->staff, &lockout, &error));
  g_assert_cmpint (lockout.wait_us, ==, 20 * G_USEC_PER_SEC);

  f->clock.wall -= 2 * (gint64) 3600 * G_USEC_PER_SEC;
  g_assert_true (loket_staff_get_lockout (f->staff, &lockout, &error));
  g_assert_cmpint (lockout.wait_us, ==, 20 * G_USEC_PER_SEC);
  g_assert_false (loket_staff_login (f->staff, "Siti", "135792", &lockout, &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_LOCKED);
  g_clear_error (&error);

  f->clock.monotonic += 20 * G_USEC_PER_SEC;
  g_assert_true (loket_staff_login (f->staff, "Siti", "135792", &lockout, &error));
  g_assert_no_error (error);
}

/* Run in a child process: the same state folder, another LoketStaff, the clock from the
 * environment. Prints what it sees. */
static void
child_reads_lockout (void)
{
  const char *dir = g_getenv ("STAFF_TEST_DIR");
  g_autofree char *file = NULL;
  g_autoptr(LoketStaff) staff = NULL;
  LoketStaffLockout lockout = { 0 };
  TestClock clock = { 0 };

  if (!g_test_subprocess ())
    {
      g_test_skip ("runs only as the second process of /staff/lockout/restart");
      return;
    }
  clock.monotonic = g_ascii_strtoll (g_getenv ("STAFF_TEST_MONO"), NULL, 10);
  clock.boot = g_getenv ("STAFF_TEST_BOOT");
  file = g_build_filename (dir, "staff", NULL);
  staff = loket_staff_new (file, dir);
  loket_staff_set_clock (staff, read_test_clock, &clock);
  g_assert_true (loket_staff_get_lockout (staff, &lockout, NULL));
  g_print ("failures=%u wait=%" G_GINT64_FORMAT "\n", lockout.failures,
           lockout.wait_us / G_USEC_PER_SEC);
}

static void
expect_child (Fixture    *f,
              gint64      monotonic,
              const char *boot,
              const char *expected)
{
  g_autofree char *mono = g_strdup_printf ("%" G_GINT64_FORMAT, monotonic);
  const char *env[] = { "STAFF_TEST_DIR", f->dir, "STAFF_TEST_MONO", mono,
                        "STAFF_TEST_BOOT", boot };

  for (guint i = 0; i < G_N_ELEMENTS (env); i += 2)
    g_setenv (env[i], env[i + 1], TRUE);
  g_test_trap_subprocess ("/staff/lockout/child", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout (expected);
}

static void
test_lockout_survives_restart (Fixture       *f,
                               gconstpointer  data)
{
  LoketStaffLockout lockout = { 0 };

  add (f, "Siti", "135792");
  fail_n (f, 8, &lockout);
  g_assert_cmpint (lockout.wait_us, ==, 60 * G_USEC_PER_SEC);
  g_clear_object (&f->staff);

  /* Another process, 10 s later in the same boot: exactly what is left. */
  expect_child (f, f->clock.monotonic + 10 * G_USEC_PER_SEC, "boot-a", "failures=8 wait=50\n*");
  /* After a reboot (the boot clock starts again near zero): never shorter — in full. */
  expect_child (f, 5 * G_USEC_PER_SEC, "boot-b", "failures=8 wait=60\n*");
  /* That boot counts from its first look. */
  expect_child (f, 35 * G_USEC_PER_SEC, "boot-b", "failures=8 wait=30\n*");
  expect_child (f, 70 * G_USEC_PER_SEC, "boot-b", "failures=8 wait=0\n*");
}

static void
test_torn_state_stays_closed (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, LOKET_STAFF_LOCKOUT_FILE, NULL);
  LoketStaffLockout lockout = { 0 };
  g_autoptr(GError) error = NULL;

  add (f, "Siti", "135792");
  write_file (path, "failures 7\nwait-us 300");
  g_test_expect_message ("loket-staff", G_LOG_LEVEL_WARNING, "*not a lockout state*");
  g_assert_true (loket_staff_get_lockout (f->staff, &lockout, &error));
  g_test_assert_expected_messages ();
  g_assert_true (lockout.hard);
}

static void
login_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_login_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LoketStaffLockout lockout = { 0 };

  add (f, "Siti", "135792");
  loket_staff_login_async (f->staff, "Siti", "999999", NULL, login_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (loket_staff_login_finish (f->staff, result, &lockout, &error));
  g_assert_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_WRONG_PIN);
  g_assert_cmpstr (error->message, ==, "Wrong PIN");
  g_assert_cmpuint (lockout.failures, ==, 1);
  g_clear_object (&result);
  g_clear_error (&error);

  loket_staff_login_async (f->staff, "Siti", "135792", NULL, login_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (loket_staff_login_finish (f->staff, result, &lockout, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/staff/pin/rules", test_pin_rules);
  g_test_add_func ("/staff/pin/hash", test_hash_right_and_wrong);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/staff/file/each-own-pin", test_each_own_pin);
  ADD ("/staff/file/add-refused", test_add_refused);
  ADD ("/staff/file/modes", test_file_modes);
  ADD ("/staff/file/tampered", test_tampered_line);
  ADD ("/staff/lockout/timing", test_lockout_timing);
  ADD ("/staff/lockout/right-pin-resets", test_right_pin_resets_count);
  ADD ("/staff/lockout/wall-clock", test_wall_clock_changes_nothing);
  ADD ("/staff/lockout/restart", test_lockout_survives_restart);
  ADD ("/staff/lockout/torn-state", test_torn_state_stays_closed);
  ADD ("/staff/login/async", test_login_async);
#undef ADD
  g_test_add_func ("/staff/lockout/child", child_reads_lockout);

  return g_test_run ();
}
