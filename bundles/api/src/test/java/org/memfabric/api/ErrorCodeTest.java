package org.memfabric.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    private static final Map<ErrorCode, Integer> ORIGINAL = new LinkedHashMap<>();

    static {
        ORIGINAL.put(ErrorCode.SM_OK, 0);
        ORIGINAL.put(ErrorCode.SM_ERROR, -1);
        ORIGINAL.put(ErrorCode.SM_INVALID_PARAM, -2000);
        ORIGINAL.put(ErrorCode.SM_MALLOC_FAILED, -2001);
        ORIGINAL.put(ErrorCode.SM_NEW_OBJECT_FAILED, -2002);
        ORIGINAL.put(ErrorCode.SM_NOT_STARTED, -2003);
        ORIGINAL.put(ErrorCode.SM_TIMEOUT, -2004);
        ORIGINAL.put(ErrorCode.SM_REPEAT_CALL, -2005);
        ORIGINAL.put(ErrorCode.SM_DUPLICATED_OBJECT, -2006);
        ORIGINAL.put(ErrorCode.SM_OBJECT_NOT_EXISTS, -2007);
        ORIGINAL.put(ErrorCode.SM_NOT_INITIALIZED, -2008);
        ORIGINAL.put(ErrorCode.SM_RESOURCE_IN_USE, -2009);
        ORIGINAL.put(ErrorCode.SM_RECONNECT, -2010);
        ORIGINAL.put(ErrorCode.SM_GET_OBJECT, -2011);
        ORIGINAL.put(ErrorCode.STORE_INVALID_MESSAGE, -400);
        ORIGINAL.put(ErrorCode.STORE_INVALID_KEY, -401);
        ORIGINAL.put(ErrorCode.STORE_NOT_EXIST, -404);
        ORIGINAL.put(ErrorCode.STORE_RESTORE, -405);
        ORIGINAL.put(ErrorCode.STORE_TIMEOUT, -601);
        ORIGINAL.put(ErrorCode.STORE_IO_ERROR, -602);
        ORIGINAL.put(ErrorCode.BM_INVALID_PARAM, -2);
        ORIGINAL.put(ErrorCode.BM_MALLOC_FAILED, -3);
        ORIGINAL.put(ErrorCode.BM_NEW_OBJECT_FAILED, -4);
        ORIGINAL.put(ErrorCode.BM_FILE_NOT_ACCESS, -5);
        ORIGINAL.put(ErrorCode.BM_DL_FUNCTION_FAILED, -6);
        ORIGINAL.put(ErrorCode.BM_TIMEOUT, -7);
        ORIGINAL.put(ErrorCode.BM_UNDER_API_UNLOAD, -8);
        ORIGINAL.put(ErrorCode.BM_NOT_INITIALIZED, -9);
        ORIGINAL.put(ErrorCode.BM_NOT_SUPPORT_FUNC, -10);
        ORIGINAL.put(ErrorCode.BM_NOT_SUPPORTED, -100);
    }

    @Test
    void shouldCarryTheNumbersOfTheOriginalForEveryCode() {
        ORIGINAL.forEach((code, number) -> assertEquals(number, code.code(), code.name()));
    }

    @Test
    void shouldMapEveryOriginalNumberBackToItsCode() {
        ORIGINAL.forEach((code, number) -> assertSame(code, ErrorCode.of(number), "number " + number));
    }

    @Test
    void shouldMapMinusOneToSmErrorRatherThanTheMemoryLayerAlias() {
        assertEquals(-1, ErrorCode.BM_ERROR.code());
        assertSame(ErrorCode.SM_ERROR, ErrorCode.of(-1));
    }

    @Test
    void shouldMapUnknownNumbersToSmError() {
        assertSame(ErrorCode.SM_ERROR, ErrorCode.of(12345));
        assertSame(ErrorCode.SM_ERROR, ErrorCode.of(-2012));
        assertSame(ErrorCode.SM_ERROR, ErrorCode.of(Integer.MIN_VALUE));
    }

    @Test
    void shouldPlaceTheJavaNotSupportedExtensionOutsideEveryOriginalRange() {
        assertEquals(-2100, ErrorCode.SM_NOT_SUPPORTED.code());
        assertSame(ErrorCode.SM_NOT_SUPPORTED, ErrorCode.of(-2100));
        assertTrue(!ORIGINAL.containsValue(-2100));
    }

    @Test
    void shouldKeepNumbersUniqueExceptTheDocumentedMinusOneAlias() {
        final Set<Integer> seen = new HashSet<>();
        for (final ErrorCode c : ErrorCode.values()) {
            if (c == ErrorCode.BM_ERROR) {
                continue;
            }
            assertTrue(seen.add(c.code()), "duplicate number " + c.code() + " for " + c);
        }
    }

    @Test
    void shouldDescribeCodesWithTheShortTextOfTheOriginal() {
        assertEquals("invalid parameter", ErrorCode.SM_INVALID_PARAM.description());
        assertEquals("key not exists", ErrorCode.STORE_NOT_EXIST.description());
        assertNotEquals("", ErrorCode.SM_GET_OBJECT.description());
    }
}
