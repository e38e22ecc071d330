package org.onedoor.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.onedoor.identity.credentials.Totp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrCodesTests {

    static final String PREFIX = "data:image/png;base64,";

    @Test
    void rendersAnEnrolmentUriThatReadsBackTheSame() throws Exception {
        var uri = Totp.otpauthUri("OneDoor Hà Nội", "Nguyễn Thị Hương", "12345678901234567890".getBytes(StandardCharsets.US_ASCII));

        var dataUri = QrCodes.pngDataUri(uri, 256);

        assertThat(dataUri).startsWith(PREFIX);
        assertThat(decode(dataUri)).isEqualTo(uri);
    }

    @Test
    void keepsVietnameseAndLaoTextIntact() throws Exception {
        var text = "Đăng ký khai sinh — ນະຄອນຫຼວງວຽງຈັນ";

        assertThat(decode(QrCodes.pngDataUri(text, 300))).isEqualTo(text);
    }

    @Test
    void drawsAnImageOfTheRequestedSize() throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png(QrCodes.pngDataUri("otpauth://totp/x:y?secret=MY", 200))));

        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getHeight()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 63, 1025})
    void refusesSizesOutsideTheRange(int size) {
        assertThatThrownBy(() -> QrCodes.pngDataUri("x", size)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTextTooLongForAQrCode() {
        assertThatThrownBy(() -> QrCodes.pngDataUri("x".repeat(5_000), 512)).isInstanceOf(IllegalArgumentException.class);
    }

    static String decode(String dataUri) throws IOException, NotFoundException {
        var image = ImageIO.read(new ByteArrayInputStream(png(dataUri)));
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        // No PURE_BARCODE hint: the reader must find the code by its finder patterns, as a phone camera does.
        return new MultiFormatReader().decode(bitmap).getText();
    }

    static byte[] png(String dataUri) {
        assertThat(dataUri).startsWith(PREFIX);
        return Base64.getDecoder().decode(dataUri.substring(PREFIX.length()));
    }
}
