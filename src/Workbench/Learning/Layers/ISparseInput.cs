using Workbench.Data;
using Workbench.Learning.Tensors;

namespace Workbench.Learning.Layers;

/// <summary>A module that accepts CSR rows directly (text features), without densifying them.</summary>
public interface ISparseInput
{
    Tensor ForwardSparse(SparseMatrix input);
}
