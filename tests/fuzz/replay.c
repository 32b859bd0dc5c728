/*
 * replay.c — run a fuzz target's entry point over every file of a corpus
 * directory, without libFuzzer: the suite replays the corpus as an ordinary
 * test under ASan/UBSan (STYLE: fuzz corpora replayed as tests).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	size_t n = 0;
	for (int a = 1; a < argc; a++) {
		DIR *dir = opendir(argv[a]);
		if (dir == NULL) {
			fprintf(stderr, "replay: cannot open %s\n", argv[a]);
			return 1;
		}
		struct dirent *e;
		while ((e = readdir(dir)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s", argv[a], e->d_name);
			FILE *f = fopen(path, "rb");
			if (f == NULL)
				continue;
			static uint8_t buf[1 << 20];
			size_t len = fread(buf, 1, sizeof(buf), f);
			fclose(f);
			LLVMFuzzerTestOneInput(buf, len);
			n++;
		}
		closedir(dir);
	}
	printf("%zu passed, 0 failed\n", n);
	return n ? 0 : 1;
}
