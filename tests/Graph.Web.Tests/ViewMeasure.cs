using Microsoft.Playwright;

namespace Graph.Web.Tests;

/// <summary>What a drawn view looks like, measured from the rendered page (DOM boxes, computed styles, canvas pixels).</summary>
public sealed class ViewMeasurement
{
    public int Labels { get; set; }
    public int OverlappingPairs { get; set; }
    public double SmallestFont { get; set; }
    public string SmallestFontText { get; set; } = "";
    public string[] LegendColors { get; set; } = [];
    public string[] DrawnColors { get; set; } = [];
    public string[] NodeColors { get; set; } = [];
    public int Nodes { get; set; }
    public int UnplacedListed { get; set; }
    public string[] UnplacedDrawn { get; set; } = [];
    public string[] InsideRegionWithoutSupport { get; set; } = [];
    public double FirstDrawMs { get; set; }
}

public static class ViewMeasure
{
    public const int Timeout = 120_000;

    /// <summary>Opens a view and waits until it is drawn and labelled.</summary>
    public static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url, new PageGotoOptions { Timeout = Timeout });
        await page.WaitForFunctionAsync("() => window.graphView && window.graphView.view && window.graphView.view.drawnAt > 0 && (window.graphView.kind === 'matrix' || window.graphView.view.labelledAt > 0)",
            null, new PageWaitForFunctionOptions { Timeout = Timeout });
    }

    /// <summary>
    /// Boxes of every visible label in the plot (overlaps counted pairwise), the smallest computed font size of any
    /// visible text in the view (labels, legend, captions, side panel), legend swatch colours, the colours actually
    /// painted at node centres, and for the alignment view which drawn experts sit in a paradigm's region.
    /// </summary>
    public static async Task<ViewMeasurement> MeasureAsync(IPage page) => await page.EvaluateAsync<ViewMeasurement>(@"() => {
      const state = window.graphView, plot = document.getElementById('plot');
      const visible = e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect(); return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0; };
      const labels = [...plot.querySelectorAll('.label')].filter(visible).map(e => e.getBoundingClientRect());
      let overlapping = 0;
      for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i], b = labels[j];
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlapping++;
      }
      // Every element that directly holds visible text.
      let smallest = 99, smallestText = '';
      for (const e of document.querySelectorAll('#view *')) {
        if (!visible(e)) continue;
        const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own) continue;
        const size = parseFloat(getComputedStyle(e).fontSize);
        if (size < smallest) { smallest = size; smallestText = e.textContent.trim().slice(0, 60); }
      }
      const rgb = c => { const m = /rgba?\((\d+), (\d+), (\d+)/.exec(c); return m ? '#' + [m[1], m[2], m[3]].map(x => Number(x).toString(16).padStart(2, '0')).join('').toUpperCase() : c.toUpperCase(); };
      const legend = [...document.querySelectorAll('.legend .entry i')].map(i => rgb(getComputedStyle(i).backgroundColor));
      const view = state.view, out = { labels: labels.length, overlappingPairs: overlapping, smallestFont: smallest, smallestFontText: smallestText,
        legendColors: [...new Set(legend)], drawnColors: [], nodeColors: [], nodes: 0, unplacedListed: 0, unplacedDrawn: [], insideRegionWithoutSupport: [], firstDrawMs: state.firstDraw || 0 };
      if (state.kind !== 'matrix') {
        const canvas = plot.querySelector('canvas'), ctx = canvas.getContext('2d'), ratio = canvas.width / canvas.clientWidth;
        const drawn = new Set(), screen = view.nodes.map(n => view.toScreen(n)), cell = 8, grid = new Map();
        screen.forEach((p, i) => { const k = Math.floor(p.x / cell) + ',' + Math.floor(p.y / cell); if (!grid.has(k)) grid.set(k, []); grid.get(k).push(i); });
        // A centre another dot covers (or touches with its antialiased edge) shows that dot, not this one: skip it.
        const covered = i => { const p = screen[i]; for (let gx = Math.floor(p.x / cell) - 2; gx <= Math.floor(p.x / cell) + 2; gx++) for (let gy = Math.floor(p.y / cell) - 2; gy <= Math.floor(p.y / cell) + 2; gy++)
          for (const j of grid.get(gx + ',' + gy) || []) if (j !== i && Math.hypot(screen[j].x - p.x, screen[j].y - p.y) < screen[j].r + 1.5) return true; return false; };
        for (let i = 0; i < view.nodes.length; i++) {
          const p = screen[i];
          if (p.x < 0 || p.y < 0 || p.x >= canvas.clientWidth || p.y >= canvas.clientHeight || covered(i)) continue;
          const d = ctx.getImageData(Math.floor(p.x * ratio), Math.floor(p.y * ratio), 1, 1).data;
          drawn.add('#' + [d[0], d[1], d[2]].map(x => x.toString(16).padStart(2, '0')).join('').toUpperCase());
        }
        out.drawnColors = [...drawn];
        out.nodeColors = [...new Set(view.nodes.map(n => n.color.toUpperCase()))];
        out.nodes = view.nodes.length;
      } else {
        out.nodes = state.data.experts.length;
      }
      if (state.kind === 'alignment') {
        const data = state.data, ids = new Set(view.nodes.map(n => n.id));
        out.unplacedListed = document.querySelectorAll('[data-testid=unplaced] li a').length;
        out.unplacedDrawn = data.unplaced.filter(u => ids.has(u.id)).map(u => u.name);
        for (const n of view.nodes) for (const p of data.paradigms) {
          const inside = Math.hypot(n.x - p.for.x, n.y - p.for.y) <= data.regionRadius;
          if (inside && !((n.data.scores[p.paradigmId] || 0) > 0)) out.insideRegionWithoutSupport.push(n.label + ' in ' + p.name);
        }
      }
      return out;
    }");
}
