"""One self-contained HTML page for a chart: the charting library, the data and the script
that draws them, inlined, so the file opens offline and can be mailed or archived alone.

The library is TradingView's Lightweight Charts (Apache-2.0), shipped as package data in
``vendor/``: ``dist/lightweight-charts.standalone.production.js`` and ``LICENSE`` of the
npm package at ``LIBRARY_VERSION`` (``npm pack lightweight-charts@<version>``), and the
NOTICE of its repository. To update, replace the three files and the version (a test
checks that the file's header names it). Its licence asks for its notice and a link to
TradingView on the page: the chart shows TradingView's attribution logo (a link), the
footer names and links the library, and the page carries the notice and licence text.

Lightweight Charts shows times in UTC only. Every time the page holds is therefore the
exchange's wall-clock time written as if it were UTC, so the axis and the crosshair read
New York (or Chicago) time, as traders do.

When the chart is drawn, the page records on ``<body>`` what it read back from the chart:
``data-candles`` (candles in the series), ``data-price-lines`` (pivot lines) and
``data-lines`` (line series), and ``data-ready="true"``; tests in a real browser check them.
"""

import datetime as dt
import json
from collections.abc import Sequence
from importlib import resources
from zoneinfo import ZoneInfo

from trade_analyst.entrypoints.jobs.chart import ChartData, VwapPiece

__all__ = ["LIBRARY_FILE", "LIBRARY_VERSION", "chart_document", "chart_page", "vendored"]

LIBRARY_FILE = "lightweight-charts.standalone.production.js"
LIBRARY_VERSION = "5.2.1"
_NOTICE_FILE = "lightweight-charts.NOTICE"
_LICENSE_FILE = "lightweight-charts.LICENSE"
TRADINGVIEW_URL = "https://www.tradingview.com/"

# Pivot lines: resistances red, supports green, the pivot itself amber.
_LEVEL_COLOURS = {"pivot": "#f0b90b", "r": "#ef5350", "s": "#26a69a"}
# Overlays get these in order (moving averages: amber, cyan, pink, lime, ...).
_OVERLAY_COLOURS = ("#ff9800", "#00bcd4", "#e91e63", "#cddc39", "#9c27b0", "#8d6e63")


def vendored(name: str) -> str:
    """The text of a file shipped in ``vendor/`` (read from the package, zipapp included)."""
    return resources.files(__package__).joinpath("vendor", name).read_text(encoding="utf-8")


def chart_page(data: ChartData, *, generated: dt.datetime, provider: str) -> str:
    """The HTML page of ``data``, complete in itself."""
    document = chart_document(data, generated=generated, provider=provider)
    return _TEMPLATE.format(
        title=_html(document["title"]),
        library=vendored(LIBRARY_FILE),
        notice=_html(vendored(_NOTICE_FILE)),
        license=_html(vendored(_LICENSE_FILE)),
        data=_script_json(document),
        script=_SCRIPT,
        tradingview=TRADINGVIEW_URL,
    )


def chart_document(data: ChartData, *, generated: dt.datetime, provider: str) -> dict[str, object]:
    """What the page draws, as JSON-ready values (times in exchange wall-clock seconds)."""
    zone = ZoneInfo(data.zone)
    bars = data.bars
    times = [_wall_seconds(ts, zone) for ts in bars.timestamps]
    request = data.request.history
    levels = data.levels
    dates = (
        request.start.isoformat()
        if request.start == request.end
        else f"{request.start.isoformat()} – {request.end.isoformat()}"
    )
    contract = f" ({levels.symbol})" if levels.contract is not None else ""
    return {
        "title": f"{data.symbol}{contract} · {bars.interval} · {dates}",
        "subtitle": (
            f"{levels.levels.kind} pivots of {levels.request.date.isoformat()} from "
            f"{levels.prior_date.isoformat()} · times {data.zone} · {provider}"
            + (" (synthetic data)" if levels.synthetic else "")
            + f" · made {generated.astimezone(zone):%Y-%m-%d %H:%M %Z}"
        ),
        "precision": _precision(bars.low),
        "candles": [
            {"time": t, "open": o, "high": h, "low": low, "close": c}
            for t, o, h, low, c in zip(
                times, bars.open, bars.high, bars.low, bars.close, strict=True
            )
        ],
        "volume": [
            {"time": t, "value": v, "up": c >= o}
            for t, v, o, c in zip(times, bars.volume, bars.open, bars.close, strict=True)
        ],
        "levels": [
            {"name": _level_name(name), "price": price, "colour": _level_colour(name)}
            for name, price in levels.levels.as_dict().items()
            if price is not None
        ],
        "vwap": _vwap_lines("VWAP", data.session_vwap, times),
        "anchored": _vwap_lines(
            f"AVWAP {data.request.anchor}",
            () if data.anchored_vwap is None else (data.anchored_vwap,),
            times,
            bands=False,
        ),
        "overlays": [
            {
                "name": name.replace("_", " ").upper(),
                "colour": _OVERLAY_COLOURS[index % len(_OVERLAY_COLOURS)],
                "points": _points(times, column),
            }
            for index, (name, column) in enumerate(data.overlays.items())
        ],
        "notes": list(data.notes),
    }


def _level_name(name: str) -> str:
    return "P" if name == "pivot" else name.upper()


def _level_colour(name: str) -> str:
    return _LEVEL_COLOURS["pivot" if name == "pivot" else name[0]]


def _wall_seconds(ts: dt.datetime, zone: ZoneInfo) -> int:
    """``ts`` as the seconds of its wall-clock time in ``zone`` read as UTC."""
    local = ts.astimezone(zone).replace(tzinfo=dt.UTC)
    return int(local.timestamp())


def _precision(lows: Sequence[float]) -> int:
    """Decimals shown: cents, or four places for prices under one (FX, penny stocks)."""
    return 2 if not lows or min(lows) >= 1 else 4


def _points(times: Sequence[int], values: Sequence[float | None]) -> list[dict[str, float]]:
    return [{"time": t, "value": v} for t, v in zip(times, values, strict=True) if v is not None]


def _vwap_lines(
    name: str, pieces: Sequence[VwapPiece], times: Sequence[int], *, bands: bool = True
) -> dict[str, object] | None:
    """The VWAP line and (``bands``) its ±1σ and ±2σ lines, piece by piece: a session VWAP
    restarts every session, and a chart line would join every point it is given."""
    parts = ("vwap", "upper_1", "lower_1", "upper_2", "lower_2") if bands else ("vwap",)
    drawn = [
        {
            part: [
                {"time": times[row], "value": float(getattr(value, part))}
                for row, value in zip(piece.rows, piece.values, strict=True)
                if value is not None
            ]
            for part in parts
        }
        for piece in pieces
        if any(value is not None for value in piece.values)
    ]
    return {"name": name, "bands": bands, "pieces": drawn} if drawn else None


def _html(text: object) -> str:
    import html

    return html.escape(str(text))


def _script_json(document: dict[str, object]) -> str:
    """JSON that is safe inside ``<script>``: no ``</`` can end the element early."""
    return json.dumps(document, separators=(",", ":")).replace("</", "<\\/")


_SCRIPT = """
(function () {
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  const LC = window.LightweightCharts;
  const container = document.getElementById("chart");
  const chart = LC.createChart(container, {
    autoSize: true,
    layout: {
      background: { type: "solid", color: "#131722" },
      textColor: "#d1d4dc",
      fontSize: 12,
      attributionLogo: true,
    },
    grid: { vertLines: { color: "#1e222d" }, horzLines: { color: "#1e222d" } },
    crosshair: { mode: LC.CrosshairMode.Normal },
    rightPriceScale: { borderColor: "#2a2e39", scaleMargins: { top: 0.16, bottom: 0.22 } },
    timeScale: { borderColor: "#2a2e39", timeVisible: true, secondsVisible: false },
  });
  const priceFormat = {
    type: "price", precision: data.precision, minMove: Math.pow(10, -data.precision),
  };
  // The price axis always takes in the pivot and the first resistance and support, so the
  // nearest levels are on screen even on a quiet day; farther ones show when price nears.
  const near = data.levels.filter(function (level) {
    return ["P", "R1", "S1"].indexOf(level.name) >= 0;
  }).map(function (level) { return level.price; });
  const candles = chart.addSeries(LC.CandlestickSeries, {
    upColor: "#26a69a", downColor: "#ef5350", borderVisible: false,
    wickUpColor: "#26a69a", wickDownColor: "#ef5350", priceFormat: priceFormat,
    autoscaleInfoProvider: function (original) {
      const found = original();
      if (!found || !found.priceRange || near.length === 0) { return found; }
      found.priceRange.minValue = Math.min.apply(null, near.concat([found.priceRange.minValue]));
      found.priceRange.maxValue = Math.max.apply(null, near.concat([found.priceRange.maxValue]));
      return found;
    },
  });
  candles.setData(data.candles);
  const volume = chart.addSeries(LC.HistogramSeries, {
    priceFormat: { type: "volume" }, priceScaleId: "volume", lastValueVisible: false,
    priceLineVisible: false,
  });
  chart.priceScale("volume").applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
  volume.setData(data.volume.map(function (v) {
    return { time: v.time, value: v.value, color: v.up ? "#26a69a55" : "#ef535055" };
  }));
  data.levels.forEach(function (level) {
    candles.createPriceLine({
      price: level.price, color: level.colour, lineWidth: 1,
      lineStyle: LC.LineStyle.Dashed, axisLabelVisible: true, title: level.name,
    });
  });
  const legend = [];
  let lines = 0;
  function line(points, colour, width, style, title) {
    const series = chart.addSeries(LC.LineSeries, {
      color: colour, lineWidth: width, lineStyle: style, priceFormat: priceFormat,
      lastValueVisible: false, priceLineVisible: false, crosshairMarkerVisible: false,
      title: title || "",
    });
    series.setData(points);
    lines += 1;
    return series;
  }
  function vwap(group, colour) {
    if (!group) { return; }
    group.pieces.forEach(function (piece, index) {
      const last = index === group.pieces.length - 1;
      line(piece.vwap, colour, 2, LC.LineStyle.Solid, last ? group.name : "");
      if (group.bands) {
        line(piece.upper_1, colour + "aa", 1, LC.LineStyle.Dotted);
        line(piece.lower_1, colour + "aa", 1, LC.LineStyle.Dotted);
        line(piece.upper_2, colour + "66", 1, LC.LineStyle.Dotted);
        line(piece.lower_2, colour + "66", 1, LC.LineStyle.Dotted);
      }
    });
    legend.push([colour, group.name + (group.bands ? " ±1σ ±2σ" : "")]);
  }
  vwap(data.vwap, "#2962ff");
  vwap(data.anchored, "#e040fb");
  data.overlays.forEach(function (overlay) {
    line(overlay.points, overlay.colour, 2, LC.LineStyle.Solid, overlay.name);
    legend.push([overlay.colour, overlay.name]);
  });
  chart.timeScale().fitContent();

  document.getElementById("title").textContent = data.title;
  document.getElementById("subtitle").textContent = data.subtitle;
  const keys = document.getElementById("keys");
  legend.concat(data.notes.map(function (note) { return ["#787b86", note]; }))
    .forEach(function (entry) {
      const item = document.createElement("span");
      item.className = "key";
      item.style.color = entry[0];
      item.textContent = entry[1];
      keys.appendChild(item);
    });
  const ohlc = document.getElementById("ohlc");
  function show(bar) {
    if (!bar) { return; }
    const f = function (x) { return x.toFixed(data.precision); };
    ohlc.textContent = "O " + f(bar.open) + "  H " + f(bar.high) + "  L " + f(bar.low) +
      "  C " + f(bar.close);
    ohlc.style.color = bar.close >= bar.open ? "#26a69a" : "#ef5350";
  }
  show(data.candles[data.candles.length - 1]);
  chart.subscribeCrosshairMove(function (param) {
    show(param.seriesData && param.seriesData.get(candles));
  });

  const state = document.body.dataset;
  state.candles = String(candles.data().length);
  state.priceLines = String(candles.priceLines().length);
  state.lines = String(lines);
  state.ready = "true";
})();
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
  html, body {{ margin: 0; height: 100%; background: #131722; color: #d1d4dc;
    font: 13px -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }}
  #head {{ position: absolute; top: 6px; left: 10px; z-index: 3; pointer-events: none; }}
  #title {{ font-size: 16px; font-weight: 600; color: #ffffff; }}
  #subtitle {{ color: #787b86; margin-top: 2px; }}
  #ohlc {{ margin-top: 2px; font-variant-numeric: tabular-nums; }}
  .key {{ margin-right: 14px; }}
  #chart {{ position: absolute; top: 0; left: 0; right: 0; bottom: 22px; }}
  #foot {{ position: absolute; bottom: 0; left: 10px; right: 10px; height: 22px;
    line-height: 22px; color: #787b86; font-size: 11px; }}
  #foot a {{ color: #787b86; }}
</style>
</head>
<body>
<div id="head"><div id="title"></div><div id="subtitle"></div><div id="ohlc"></div>
<div id="keys"></div></div>
<div id="chart"></div>
<div id="foot">Made with trade-analyst. Charting by
<a href="{tradingview}">TradingView Lightweight Charts™</a> (Apache-2.0; notice and licence
in this page's source).</div>
<script type="text/plain" id="lightweight-charts-notice">
{notice}</script>
<script type="text/plain" id="lightweight-charts-license">
{license}</script>
<script>
{library}
</script>
<script type="application/json" id="chart-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
