namespace Graph.Web.Views;

/// <summary>One community drawn as a group: its members packed around <see cref="Center"/> within <see cref="Radius"/>, and its caption.</summary>
public sealed record CommunityGroup(int Number, string Color, Point Center, double Radius, string Caption, string ShortCaption, int Size);
