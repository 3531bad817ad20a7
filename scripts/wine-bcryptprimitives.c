/*
 * For the smoke test under wine only; never shipped with bimbing.exe.
 *
 * A Rust program built for Windows takes its random bytes (the keys of its hash maps) from
 * ProcessPrng in bcryptprimitives.dll, which every Windows that Rust supports (10 and
 * later) has. Wine gained that DLL in version 8.13; Debian 12's wine (8.0) lacks it, so
 * bimbing.exe would not start there (exit code 53, "bcryptprimitives.dll not found").
 * scripts/build-windows.sh --smoke compiles this file with mingw-w64 into the throwaway
 * wine prefix when, and only when, the prefix has no bcryptprimitives.dll of its own.
 * The bytes come from RtlGenRandom (advapi32's SystemFunction036), which that wine has.
 */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
