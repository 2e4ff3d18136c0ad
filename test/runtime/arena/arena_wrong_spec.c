/* arena_user.c under the spec that does not fit its free,
   alloc=arena_alloc:size=1:free=arena_free (ptr=0 by default): the block
   is arena_free's second argument, an ordinary argument of unknown code,
   so nothing moves and the program runs as without the plugin. (Before
   ptr=I the block moved and arena_free put a stack address on the free
   list.) */
#include "arena_user.c"
