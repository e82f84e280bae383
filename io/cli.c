/* The mskrota command line (placeholder until the front end lands). */
#include <stdio.h>

int main(void)
{
    puts("mskrota " MR_VERSION);
    return 0;
}
