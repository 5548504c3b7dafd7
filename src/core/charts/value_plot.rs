//! The frame of a chart that plots one value against another (the funnel
//! plot's rate against population, the Lorenz curve's share of crime against
//! share of neighbourhoods): both axes are values, named along the bottom and
//! at the top of the side, with the legend below and the title's period above.

use charming::component::{Axis, Grid, Legend, Title};
use charming::element::{AxisType, NameLocation, Tooltip, Trigger};
use charming::Chart;

/// The chart with its title, item tooltips, legend, grid and both axes; the
/// caller adds the series. The axes come from [`across`] and [`up`], with any
/// range the caller sets on them.
pub(crate) fn value_plot(title: Title, x_axis: Axis, y_axis: Axis) -> Chart {
    Chart::new()
        .title(title)
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left("3%")
                .right("6%")
                .top(70)
                .bottom(50)
                .contain_label(true),
        )
        .x_axis(x_axis)
        .y_axis(y_axis)
}

/// The horizontal value axis, named under its middle.
pub(crate) fn across(name: &str) -> Axis {
    Axis::new()
        .type_(AxisType::Value)
        .name(name)
        .name_location(NameLocation::Middle)
        .name_gap(28)
}

/// The vertical value axis, named at its top.
pub(crate) fn up(name: &str) -> Axis {
    Axis::new()
        .type_(AxisType::Value)
        .name(name)
        .name_location(NameLocation::End)
}
