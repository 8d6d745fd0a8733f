/* outbox-helper.c — another process on the same outbox, for the lease and crash tests
 *
 *   outbox-helper store DIR KEY N_PARTS   stores requests until killed; prints each tracking
 *                                         code on stdout after its commit returned
 *   outbox-helper claim DIR KEY OWNER     claims due parts one at a time until none is left;
 *                                         prints each claimed part id
 *   outbox-helper hold DIR KEY NAME       holds an owner's lock (LoketOutboxOwner), claims every
 *                                         due part for 600 s, prints the owner id, then sleeps
 *                                         until killed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outbox-test-util.h"

static int
fail (const GError *error)
{
  fprintf (stderr, "outbox-helper: %s\n", error->message);
  return 1;
}

static int
run_store (LoketOutbox *outbox,
           guint        n_parts)
{
  for (;;)
    {
      g_autofree char *code = outbox_test_new_code ();
      g_auto(GStrv) ids = outbox_test_store (outbox, code, n_parts);
      g_autofree char *line = g_strconcat (code, "\n", NULL);

      /* One write(2) per line: what the parent reads was acknowledged, whole. */
      if (write (STDOUT_FILENO, line, strlen (line)) != (ssize_t) strlen (line))
        return 1;
    }
}

static int
run_claim (LoketOutbox *outbox,
           const char  *owner)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) claimed = loket_outbox_claim_due (outbox, owner, 600 * G_USEC_PER_SEC,
                                                             1, &error);

      if (claimed == NULL)
        return fail (error);
      if (claimed->len == 0)
        return 0;
      printf ("%s\n", ((LoketOutboxPart *) g_ptr_array_index (claimed, 0))->part_id);
      fflush (stdout);
    }
}

static int
run_hold (LoketOutbox *outbox,
          const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutboxOwner) owner = loket_outbox_owner_new (outbox, name, &error);
  g_autoptr(GPtrArray) claimed = NULL;

  if (owner == NULL)
    return fail (error);
  claimed = loket_outbox_claim_due (outbox, loket_outbox_owner_get_id (owner),
                                    600 * G_USEC_PER_SEC, 1000, &error);
  if (claimed == NULL)
    return fail (error);
  printf ("%s\n", loket_outbox_owner_get_id (owner));
  fflush (stdout);
  for (;;)
    pause ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;

  if (argc != 5)
    {
      fprintf (stderr, "usage: outbox-helper store|claim|hold DIR KEY N_PARTS|OWNER|NAME\n");
      return 2;
    }

  outbox = loket_outbox_open (argv[2], argv[3], 0, &error);
  if (outbox == NULL)
    return fail (error);

  if (g_str_equal (argv[1], "store"))
    return run_store (outbox, (guint) atoi (argv[4]));
  if (g_str_equal (argv[1], "claim"))
    return run_claim (outbox, argv[4]);
  if (g_str_equal (argv[1], "hold"))
    return run_hold (outbox, argv[4]);

  return 2;
}
