/* quality: the data-quality problems the DfE would raise about a SEN2
 * person (missing UPN without a reason, a plan without a placement on the
 * census date, an invalid code, dates out of order). */
#ifndef SH_JOURNEYS_QUALITY_H
#define SH_JOURNEYS_QUALITY_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "journeys/sen2.h"

/* Appends one line per problem to out, "person N (UPN X): problem\n"
 * (never a name). Returns how many problems were found. */
size_t journeys_quality_check(const struct sen2_person *p, size_t position, int32_t census, buf *out);

#endif
