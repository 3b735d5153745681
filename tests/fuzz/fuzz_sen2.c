/* libFuzzer harness for the SEN2 reader: any bytes in, no crash, no leak,
 * and every person the reader accepts can be written out again. */
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "journeys/sen2.h"

static int write_back(void *ctx, const struct sen2_header *h, const struct sen2_person *p, size_t pos, char *err, size_t errlen)
{
    buf *b = ctx;
    (void)h; (void)pos; (void)err; (void)errlen;
    buf_reset(b);
    sen2_write_person(b, p);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    buf b = BUF_INIT;
    struct sen2_header h;
    char err[256];
    size_t n = 0;
    sen2_read_memory((const char *)data, size, write_back, &b, &h, &n, err, sizeof err);
    buf_free(&b);
    return 0;
}
