using NetworkingLessons.Kernel.Zmtp;

namespace NetworkingLessons.Kernel.Tests.Zmtp;

public class ZmtpFrameTests
{
    private static byte[] Encode(ZmtpFrame frame)
    {
        var bytes = new byte[frame.EncodedLength];
        Assert.Equal(bytes.Length, frame.WriteTo(bytes));
        return bytes;
    }

    private static ValueTask<ZmtpFrame?> Read(byte[] bytes, long cap = 1 << 20) =>
        ZmtpFrame.ReadAsync(new MemoryStream(bytes), cap, CancellationToken.None);

    [Fact]
    public void WriteTo_ShortBody_FlagsThenOneByteSize()
    {
        Assert.Equal(new byte[] { 0x00, 0x03, (byte)'a', (byte)'b', (byte)'c' }, Encode(new ZmtpFrame("abc"u8.ToArray())));
        Assert.Equal(new byte[] { 0x01, 0x00 }, Encode(new ZmtpFrame([], More: true)));
        Assert.Equal(new byte[] { 0x04, 0x01, 0x07 }, Encode(new ZmtpFrame([7], IsCommand: true)));
    }

    [Fact]
    public void WriteTo_255And256Bytes_LongFormOnlyAbove255()
    {
        var at255 = Encode(new ZmtpFrame(new byte[255]));
        Assert.Equal(new byte[] { 0x00, 0xFF }, at255[..2]);
        Assert.Equal(257, at255.Length);
        var at256 = Encode(new ZmtpFrame(new byte[256], More: true));
        Assert.Equal(new byte[] { 0x03, 0, 0, 0, 0, 0, 0, 0x01, 0x00 }, at256[..9]);
        Assert.Equal(265, at256.Length);
    }

    [Fact]
    public void WriteTo_ShortDestination_Throws()
    {
        var frame = new ZmtpFrame(new byte[10]);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => frame.WriteTo(new byte[11])).ParamName);
    }

    [Fact]
    public void EncodeMessage_MoreOnAllButLast()
    {
        var bytes = ZmtpFrame.EncodeMessage([[1], [2], [3]]);
        Assert.Equal(new byte[] { 0x01, 1, 1, 0x01, 1, 2, 0x00, 1, 3 }, bytes);
        Assert.Throws<ArgumentException>(() => ZmtpFrame.EncodeMessage([]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(70_000)]
    public async Task ReadAsync_WhatWriteToWrote_SameFrame(int length)
    {
        var body = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var frame = await Read(Encode(new ZmtpFrame(body, More: true)));
        Assert.NotNull(frame);
        Assert.Equal(body, frame.Value.Body);
        Assert.True(frame.Value.More);
        Assert.False(frame.Value.IsCommand);
    }

    [Fact]
    public async Task ReadAsync_LongFormForAShortBody_Accepted()
    {
        // libzmq sends LONG only over 255 bytes, but RFC 37 allows it for any size.
        var frame = await Read([0x02, 0, 0, 0, 0, 0, 0, 0, 2, 9, 8]);
        Assert.Equal(new byte[] { 9, 8 }, frame!.Value.Body);
    }

    [Fact]
    public async Task ReadAsync_EmptyStream_Null() => Assert.Null(await Read([]));

    [Theory]
    [InlineData(0x08)]
    [InlineData(0x80)]
    [InlineData(0xFF)]
    public async Task ReadAsync_ReservedFlagBits_Throws(byte flags)
    {
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => Read([flags, 0]).AsTask());
        Assert.Contains($"0x{flags:X2}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_SizeOverCap_ThrowsBeforeAllocating()
    {
        // 2^63 - 1 declared: the cap refuses it before anything of that size is allocated.
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => Read([0x02, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]).AsTask());
        Assert.Contains("cap of 1048576", ex.Message, StringComparison.Ordinal);
        var huge = await Assert.ThrowsAsync<ZmtpProtocolException>(() => Read([0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]).AsTask());
        Assert.Contains("over this socket's cap", huge.Message, StringComparison.Ordinal);
        Assert.NotNull(await Read([0x00, 10, .. new byte[10]], cap: 10));
        await Assert.ThrowsAsync<ZmtpProtocolException>(() => Read([0x00, 11, .. new byte[11]], cap: 10).AsTask());
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x00, 5, 1, 2 })]
    [InlineData(new byte[] { 0x02, 0, 0, 0 })]
    public async Task ReadAsync_Truncated_Throws(byte[] bytes)
    {
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => Read(bytes).AsTask());
        Assert.Contains("ended inside a frame", ex.Message, StringComparison.Ordinal);
    }
}
