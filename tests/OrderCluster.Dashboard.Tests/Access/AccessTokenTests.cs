using OrderCluster.Dashboard.Access;

namespace OrderCluster.Dashboard.Tests.Access;

public sealed class AccessTokenTests
{
    private static readonly byte[] Key = "0123456789abcdef0123456789abcdef"u8.ToArray();
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_session_token_names_its_user_until_it_expires()
    {
        var token = SessionToken.Issue(Key, "sre", Now.AddHours(1));
        Assert.Equal("sre", SessionToken.Validate(Key, token, Now));
        Assert.Null(SessionToken.Validate(Key, token, Now.AddHours(1)));
    }

    [Fact]
    public void A_tampered_or_foreign_session_token_is_refused()
    {
        var token = SessionToken.Issue(Key, "sre", Now.AddHours(1));
        var forged = SessionToken.Issue(Key, "ops", Now.AddHours(1));
        var swapped = forged[..forged.IndexOf('.')] + token[token.IndexOf('.')..];
        Assert.Null(SessionToken.Validate(Key, swapped, Now));
        Assert.Null(SessionToken.Validate("another key, another cluster...."u8.ToArray(), token, Now));
        Assert.Null(SessionToken.Validate(Key, "garbage", Now));
        Assert.Null(SessionToken.Validate(Key, null, Now));
    }

    [Fact]
    public void Passwords_match_plain_or_pbkdf2_hashed_and_nothing_else()
    {
        Assert.True(PasswordVerifier.Verify("s3cret", "s3cret"));
        Assert.False(PasswordVerifier.Verify("s3cret ", "s3cret"));
        var hash = PasswordVerifier.Hash("s3cret", iterations: 10_000);
        Assert.True(PasswordVerifier.IsWellFormedHash(hash));
        Assert.True(PasswordVerifier.Verify("s3cret", hash));
        Assert.False(PasswordVerifier.Verify("S3cret", hash));
        Assert.False(PasswordVerifier.Verify(hash, hash));
    }

    [Fact]
    public void A_peer_signature_binds_method_path_and_time()
    {
        var header = PeerSignature.Create(Key, "GET", "/dashboard/api/peer/report", Now);
        Assert.True(PeerSignature.IsValid(Key, header, "GET", "/dashboard/api/peer/report", Now.AddSeconds(30)));
        Assert.False(PeerSignature.IsValid(Key, header, "POST", "/dashboard/api/peer/report", Now));
        Assert.False(PeerSignature.IsValid(Key, header, "GET", "/dashboard/api/peer/history", Now));
        var deactivate = PeerSignature.Create(Key, "POST", "/dashboard/api/peer/grain/deactivate?id=order%2Fa", Now);
        Assert.False(PeerSignature.IsValid(Key, deactivate, "POST", "/dashboard/api/peer/grain/deactivate?id=order%2Fb", Now)); // not for another grain
        Assert.False(PeerSignature.IsValid(Key, header, "GET", "/dashboard/api/peer/report", Now + PeerSignature.MaxSkew + TimeSpan.FromSeconds(2)));
        Assert.False(PeerSignature.IsValid("another key, another cluster...."u8.ToArray(), header, "GET", "/dashboard/api/peer/report", Now));
    }
}
